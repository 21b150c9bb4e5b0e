package dev.hermeticbuild.cli;

import dev.hermeticbuild.build.SigningKey;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How the commands that build sign what they write: {@code --sign-key} (a file or PKCS#11) with its
 * passphrase, or {@code --keyless}; neither leaves it unsigned. Signing happens in the runner after
 * the build, and nothing it reads may lie where the build can see it.
 */
final class BuildSigningOptions {

    @Option(names = "--sign-key", paramLabel = "KEY", description = "Sign what this command writes (provenance and SBOM,"
            + " or the reproducibility result) after the build, outside the sandbox: a PEM key file (never inside the"
            + " workspace) or pkcs11:config=FILE;alias=LABEL.")
    String signKey;

    @Mixin
    PassphraseOptions passphrase;

    @Mixin
    KeylessOptions keyless;

    /** The signing these options ask for, not yet opened; empty when the result stays unsigned. */
    Optional<SigningKey> key() {
        keyless.check(signKey, "--sign-key");
        if (keyless.keyless) {
            return Optional.of(SigningKey.keyless(keyless.config()));
        }
        return Optional.ofNullable(signKey).map(k -> new SigningKey(k, passphrase.source()));
    }
}
