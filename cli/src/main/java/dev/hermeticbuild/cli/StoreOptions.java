package dev.hermeticbuild.cli;

import dev.hermeticbuild.store.ProvenanceStore;
import dev.hermeticbuild.store.ProvenanceStores;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --store URL} option shared by the store, trace, metrics and report commands. */
final class StoreOptions {

    @Option(names = "--store", paramLabel = "JDBC-URL",
            description = "Provenance store: jdbc:sqlite:PATH or jdbc:postgresql://HOST:PORT/DB"
                    + " (default: $XDG_DATA_HOME/hermetic/store.db, else ~/.local/share/hermetic/store.db).")
    String url;

    /** The URL given, or the default under the user's data directory. */
    String url() {
        return url != null ? url : ProvenanceStores.defaultUrl(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    ProvenanceStore open() {
        return ProvenanceStores.open(url());
    }

    /** Opens the store; with a store key, every append also signs a checkpoint. */
    ProvenanceStore open(java.util.Optional<dev.hermeticbuild.sign.Signer> storeKey) {
        return ProvenanceStores.open(url(), storeKey);
    }
}
