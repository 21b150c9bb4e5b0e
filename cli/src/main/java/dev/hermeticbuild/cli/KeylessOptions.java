package dev.hermeticbuild.cli;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.sign.PassphraseSource;
import dev.hermeticbuild.sign.keyless.KeylessConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of keyless signing (Fulcio + Rekor through sigstore-java), shared by attest, sign and the commands that build. */
final class KeylessOptions {

    @Option(names = "--keyless", description = "Sign keyless: Fulcio certificate for the OIDC identity, Rekor entry.")
    boolean keyless;

    @Option(names = "--fulcio-url", paramLabel = "URL", description = "Fulcio CA base URL (keyless).")
    String fulcioUrl;

    @Option(names = "--rekor-url", paramLabel = "URL", description = "Rekor log base URL (keyless).")
    String rekorUrl;

    @Option(names = "--trusted-root", paramLabel = "FILE", description = "Sigstore trusted_root.json for Fulcio and Rekor (keyless).")
    Path trustedRoot;

    @Option(names = "--oidc-token-env", paramLabel = "NAME", description = "Environment variable holding the OIDC token (keyless).")
    String tokenEnv;

    @Option(names = "--oidc-token-file", paramLabel = "FILE", description = "File holding the OIDC token (keyless).")
    Path tokenFile;

    /** Whether keyless signing was asked for; checks it is not mixed with {@code --key}. */
    boolean requested(String key) {
        check(key, "--key");
        if (!keyless && key == null) {
            throw new InputException("give --key KEY (file or pkcs11:...) or --keyless");
        }
        return keyless;
    }

    /**
     * Checks that the keyless options are given only with {@code --keyless}, and {@code --keyless}
     * not with the key option {@code keyOption} (whose value is {@code key}, or null).
     */
    void check(String key, String keyOption) {
        boolean anyKeylessOption = fulcioUrl != null || rekorUrl != null || trustedRoot != null
                || tokenEnv != null || tokenFile != null;
        if (!keyless && anyKeylessOption) {
            throw new InputException("keyless options given without --keyless");
        }
        if (keyless && key != null) {
            throw new InputException(keyOption + " and --keyless exclude each other");
        }
    }

    KeylessConfig config() {
        if (tokenEnv != null && tokenFile != null) {
            throw new InputException("give the OIDC token by --oidc-token-env or --oidc-token-file, not both");
        }
        PassphraseSource token = tokenEnv != null ? PassphraseSource.env(tokenEnv)
                : tokenFile != null ? PassphraseSource.file(tokenFile) : PassphraseSource.none();
        return KeylessConfig.of(fulcioUrl, rekorUrl, trustedRoot, token);
    }
}
