package dev.hermeticbuild.cli;

import dev.hermeticbuild.build.BuildAttestations;
import dev.hermeticbuild.sign.PassphraseSource;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.sign.Signers;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The store writer's key ({@code --store-key}, default {@code $HERMETIC_STORE_KEY}): with it,
 * every record written also signs a checkpoint of the store's new head, in the same transaction.
 */
final class StoreKeyOptions {

    @Option(names = "--store-key", paramLabel = "KEY", defaultValue = "${env:HERMETIC_STORE_KEY}",
            description = "The store key (PEM file or pkcs11:...): sign a checkpoint of the store's head with every record"
                    + " written (default: $HERMETIC_STORE_KEY; none: no checkpoint).")
    String key;

    @Option(names = "--store-key-passphrase-file", paramLabel = "FILE",
            description = "File holding the store key's passphrase (or PKCS#11 PIN).")
    Path passphraseFile;

    /** Whether a store key was given. */
    boolean given() {
        return key != null && !key.isBlank();
    }

    /**
     * The store key for a command that runs a build in {@code workspace}: refused if the build
     * could see the key file or its passphrase file; opened now, before the build runs.
     */
    Optional<Signer> signerOutside(Path workspace) {
        if (given()) {
            Path ws = workspace.toAbsolutePath().normalize();
            if (!key.startsWith("pkcs11:")) {
                dev.hermeticbuild.build.SigningKey.refuseVisibleToBuild("--store-key", Path.of(key), ws);
            }
            if (passphraseFile != null) {
                dev.hermeticbuild.build.SigningKey.refuseVisibleToBuild("--store-key-passphrase-file", passphraseFile, ws);
            }
        }
        return signer();
    }

    /** The store key, opened now, if given. */
    Optional<Signer> signer() {
        if (!given()) {
            return Optional.empty();
        }
        return Optional.of(Signers.open(key, passphraseFile == null ? PassphraseSource.none() : PassphraseSource.file(passphraseFile)));
    }
}
