package dev.hermeticbuild.sign;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;

/** Signs bundles with one key (a PEM file, a PKCS#11 token, an in-memory key). */
public record KeyBundleSigner(Signer signer) implements BundleSigner {

    @Override
    public byte[] attest(byte[] statement, String source) {
        return Attestor.attest(statement, source, signer);
    }

    @Override
    public byte[] signFile(Path file) {
        return ArtifactSigner.sign(file, signer);
    }

    @Override
    public String identity() {
        return "key " + signer.keyId();
    }

    @Override
    public Optional<PublicKey> publicKey() {
        return Optional.of(signer.publicKey());
    }
}
