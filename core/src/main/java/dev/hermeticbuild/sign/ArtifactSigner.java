package dev.hermeticbuild.sign;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.bundle.BundleNames;
import dev.hermeticbuild.bundle.MessageSignature;
import dev.hermeticbuild.bundle.SigstoreBundle;
import dev.hermeticbuild.digest.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Signs artifact files into Sigstore message-signature bundles ({@code FILE.sigstore.json}).
 * ECDSA signs the streamed SHA-256 digest (any file size); Ed25519 must sign the content, so
 * files over {@value #MAX_ED25519_BYTES} bytes are refused for Ed25519.
 */
public final class ArtifactSigner {

    /** Largest file an Ed25519 key signs (the content is held in memory). */
    public static final long MAX_ED25519_BYTES = 1L << 30;

    /** The suffix of bundle files written next to artifacts. */
    public static final String BUNDLE_SUFFIX = BundleNames.SIGNATURE;

    private ArtifactSigner() {
    }

    /** The bundle bytes for {@code artifact}. */
    public static byte[] sign(Path artifact, Signer signer) {
        byte[] digest = Sha256.bytesOfFile(artifact, "artifact");
        byte[] sig;
        if (signer.algorithm() == KeyAlgorithm.ECDSA_P256) {
            sig = signer.signSha256Digest(digest);
        } else {
            byte[] content = readForEd25519(artifact);
            if (!Arrays.equals(Sha256.newDigest().digest(content), digest)) {
                throw new InputException("artifact " + artifact + " changed while being signed");
            }
            sig = signer.sign(content);
        }
        return SigstoreBundle.keyBased(signer.keyId(), new MessageSignature(digest, sig)).toJsonBytes();
    }

    /** Signs {@code artifact} and writes {@code artifact + ".sigstore.json"}; returns that path. */
    public static Path signTo(Path artifact, Signer signer) {
        byte[] bundle = sign(artifact, signer);
        Path out = artifact.resolveSibling(artifact.getFileName() + BUNDLE_SUFFIX);
        try {
            Files.write(out, bundle);
        } catch (IOException e) {
            throw new InputException("cannot write " + out + " (" + e.getMessage() + ")", e);
        }
        return out;
    }

    private static byte[] readForEd25519(Path artifact) {
        try {
            if (Files.size(artifact) > MAX_ED25519_BYTES) {
                throw new InputException("artifact " + artifact + " is over " + MAX_ED25519_BYTES
                        + " bytes: sign it with an ecdsa-p256 key (Ed25519 signs the whole content)");
            }
            return Files.readAllBytes(artifact);
        } catch (IOException e) {
            throw new InputException("artifact " + artifact + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
