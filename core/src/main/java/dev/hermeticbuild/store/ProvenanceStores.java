package dev.hermeticbuild.store;

import dev.hermeticbuild.InputException;
import java.nio.file.Path;
import dev.hermeticbuild.sign.Signer;
import java.util.Map;
import java.util.Optional;

/**
 * Opens a {@link ProvenanceStore} from a JDBC URL: {@code jdbc:sqlite:PATH} (the default, a file
 * under the user's data directory) or {@code jdbc:postgresql://HOST:PORT/DB?user=…}.
 */
public final class ProvenanceStores {

    private ProvenanceStores() {
    }

    /** Opens (creating or upgrading as needed) the store at {@code jdbcUrl}. */
    public static ProvenanceStore open(String jdbcUrl) {
        return open(jdbcUrl, Schema.LATEST, Optional.empty());
    }

    /**
     * Opens the store; with a {@code checkpointKey} (the store key), every append also signs a
     * checkpoint of the new head in the same transaction.
     */
    public static ProvenanceStore open(String jdbcUrl, Optional<Signer> checkpointKey) {
        return open(jdbcUrl, Schema.LATEST, checkpointKey);
    }

    /** Opens the store with its schema brought only to {@code version} (migration tests). */
    static ProvenanceStore open(String jdbcUrl, int version) {
        return open(jdbcUrl, version, Optional.empty());
    }

    private static ProvenanceStore open(String jdbcUrl, int version, Optional<Signer> checkpointKey) {
        return new JdbcProvenanceStore(jdbcUrl, redact(jdbcUrl), dialect(jdbcUrl), version, checkpointKey);
    }

    private static Dialect dialect(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return new SqliteDialect();
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        throw new InputException("--store " + redact(url) + ": not a supported JDBC URL"
                + " (jdbc:sqlite:PATH or jdbc:postgresql://HOST:PORT/DB)");
    }

    /** The default store: {@code $XDG_DATA_HOME/hermetic/store.db}, else {@code ~/.local/share/hermetic/store.db}. */
    public static String defaultUrl(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return "jdbc:sqlite:" + base.resolve("hermetic").resolve("store.db");
    }

    /** The URL with any password parameter or user-info password blanked, for messages. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/:@]+:)[^@/]*@", "$1***@");
    }
}
