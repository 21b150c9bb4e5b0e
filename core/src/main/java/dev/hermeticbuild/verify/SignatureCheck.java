package dev.hermeticbuild.verify;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.sign.KeyAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/** Public-key signature checks; a malformed signature is simply invalid, never an exception. */
final class SignatureCheck {

    private SignatureCheck() {
    }

    /** Whether {@code sig} is a valid signature of {@code data} by {@code key}. */
    static boolean verify(PublicKey key, byte[] data, byte[] sig) {
        return verify(KeyAlgorithm.of(key).jcaSignature(), key, data, sig);
    }

    /** Whether {@code sig} is an ECDSA signature of content whose SHA-256 is {@code sha256}. */
    static boolean verifyEcdsaDigest(PublicKey key, byte[] sha256, byte[] sig) {
        return verify("NONEwithECDSA", key, sha256, sig);
    }

    /** Whether {@code sig} is an Ed25519 signature of the file's content (streamed in). */
    static boolean verifyEd25519File(PublicKey key, Path file, byte[] sig) {
        try (InputStream in = Files.newInputStream(file)) {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                s.update(buffer, 0, n);
            }
            return s.verify(sig);
        } catch (IOException e) {
            throw new InputException("artifact " + file + ": cannot read (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean verify(String algorithm, PublicKey key, byte[] data, byte[] sig) {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initVerify(key);
            s.update(data);
            return s.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
