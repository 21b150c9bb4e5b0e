package dev.hermeticbuild.cli;

import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.sign.Signers;
import dev.hermeticbuild.sign.keyless.KeylessConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How attest and sign sign: {@code --key} (file or PKCS#11) with its passphrase, or {@code --keyless}. */
final class SignerOptions {

    @Option(names = "--key", paramLabel = "KEY",
            description = "Private key file (PEM PKCS#8), or pkcs11:config=/path/pkcs11.cfg;alias=LABEL.")
    String key;

    @Mixin
    PassphraseOptions passphrase;

    @Mixin
    KeylessOptions keyless;

    /** Whether keyless signing was asked for (and not mixed with --key). */
    boolean keyless() {
        return keyless.requested(key);
    }

    /** The key signer; call only when {@link #keyless()} is false. */
    Signer signer() {
        return Signers.open(key, passphrase.source());
    }

    /** The keyless configuration; call only when {@link #keyless()} is true. */
    KeylessConfig keylessConfig() {
        return keyless.config();
    }
}
