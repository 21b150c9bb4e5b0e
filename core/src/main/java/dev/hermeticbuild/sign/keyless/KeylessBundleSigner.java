package dev.hermeticbuild.sign.keyless;

import dev.hermeticbuild.sign.BundleSigner;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;

/** Signs bundles keyless: an ephemeral key certified by Fulcio for the OIDC identity, logged in Rekor. */
public record KeylessBundleSigner(KeylessConfig config) implements BundleSigner {

    @Override
    public byte[] attest(byte[] statement, String source) {
        return KeylessSigning.attest(statement, source, config);
    }

    @Override
    public byte[] signFile(Path file) {
        return KeylessSigning.signFile(file, config);
    }

    @Override
    public String identity() {
        return "keyless (Fulcio " + config.fulcioUrl() + ")";
    }

    @Override
    public Optional<PublicKey> publicKey() {
        return Optional.empty();
    }
}
