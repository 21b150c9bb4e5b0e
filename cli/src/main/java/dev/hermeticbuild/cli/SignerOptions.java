package dev.hermeticbuild.cli;

import dev.hermeticbuild.sign.BundleSigner;
import dev.hermeticbuild.sign.KeyBundleSigner;
import dev.hermeticbuild.sign.Signers;
import dev.hermeticbuild.sign.keyless.KeylessBundleSigner;
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

    /** The signer these options name: a key, or keyless signing. */
    BundleSigner signer() {
        if (keyless()) {
            return new KeylessBundleSigner(keyless.config());
        }
        return new KeyBundleSigner(Signers.open(key, passphrase.source()));
    }
}
