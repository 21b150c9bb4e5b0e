package dev.hermeticbuild.build;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.sandbox.RunnerFiles;
import dev.hermeticbuild.sandbox.SandboxSpec;
import dev.hermeticbuild.sign.BundleSigner;
import dev.hermeticbuild.sign.KeyBundleSigner;
import dev.hermeticbuild.sign.PassphraseSource;
import dev.hermeticbuild.sign.Pkcs11KeyRef;
import dev.hermeticbuild.sign.Signers;
import dev.hermeticbuild.sign.keyless.KeylessBundleSigner;
import dev.hermeticbuild.sign.keyless.KeylessConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/**
 * How a build is signed: a key ({@code --sign-key}: a PEM file or a PKCS#11 reference, with its
 * passphrase source) or keyless signing (Fulcio and Rekor, with an OIDC token). It is opened only
 * for a given workspace, after every file it comes from (the key, the passphrase file, the PKCS#11
 * configuration, the OIDC token file) is found out of the build's reach, real paths compared, so no
 * symlink on either side lets the build read a key or a token, or rewrite a token's configuration
 * (which names the library the runner loads).
 */
public final class SigningKey {

    private final String key;
    private final PassphraseSource passphrase;
    private final KeylessConfig keyless;
    private BundleSigner signer;

    public SigningKey(String key, PassphraseSource passphrase) {
        this.key = key;
        this.passphrase = passphrase;
        this.keyless = null;
    }

    private SigningKey(KeylessConfig keyless) {
        this.key = null;
        this.passphrase = PassphraseSource.none();
        this.keyless = keyless;
    }

    /** Keyless signing of the build's attestations. */
    public static SigningKey keyless(KeylessConfig config) {
        return new SigningKey(config);
    }

    /**
     * Refuses files the build in {@code workspace} could see, and a secret's variable among
     * {@code passedEnv} (the host variables the build is given), then opens the signer (once).
     */
    public BundleSigner openFor(Path workspace, Collection<String> passedEnv) {
        if (signer == null) {
            refusePassedToBuild(passphrase.envName(), "--passphrase-env", passedEnv);
            if (keyless != null) {
                refusePassedToBuild(keyless.oidcToken().envName(), "--oidc-token-env", passedEnv);
                if (keyless.oidcToken().file().isPresent()) {
                    refuseVisibleToBuild("--oidc-token-file", keyless.oidcToken().file().get(), workspace);
                }
                signer = new KeylessBundleSigner(keyless);
                return signer;
            }
            if (Pkcs11KeyRef.isPkcs11(key)) {
                refuseVisibleToBuild("--sign-key pkcs11:config=", Pkcs11KeyRef.parse(key).config(), workspace);
            } else {
                refuseVisibleToBuild("--sign-key", Path.of(key), workspace);
            }
            if (passphrase.file().isPresent()) {
                refuseVisibleToBuild("--passphrase-file", passphrase.file().get(), workspace);
            }
            signer = new KeyBundleSigner(Signers.open(key, passphrase));
        }
        return signer;
    }

    /** The signer, once {@link #openFor(Path, Collection)} has opened it. */
    public Optional<BundleSigner> opened() {
        return Optional.ofNullable(signer);
    }

    private static void refusePassedToBuild(Optional<String> secretVariable, String option, Collection<String> passedEnv) {
        if (secretVariable.isPresent() && passedEnv.contains(secretVariable.get())) {
            throw new InputException(option + " " + secretVariable.get() + " names a variable the build is given (--env "
                    + secretVariable.get() + "): a build must never see a passphrase or a token; pass the build other variables");
        }
    }

    /**
     * Refuses a file the build could read: inside the workspace (mounted read-write), under a
     * system directory the sandbox shows read-only, or under a runner path it shows (the JDK, the
     * probe's classes). Both sides are compared as real paths.
     */
    public static void refuseVisibleToBuild(String option, Path file, Path workspace) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            return; // missing: the signer reports it by name
        }
        Path ws = realOrAbsolute(workspace);
        boolean shown = java.util.stream.Stream.of(RunnerFiles.jdk(), RunnerFiles.probeClasses())
                .map(SigningKey::realOrAbsolute).anyMatch(real::startsWith);
        if (shown || SandboxSpec.visibleInside(real, ws)) {
            throw new InputException(option + " " + file + " lies where the sandboxed build can read it (" + real
                    + "); keep signing keys, passphrases and token configurations outside the workspace and outside /usr and /etc");
        }
    }

    private static Path realOrAbsolute(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
