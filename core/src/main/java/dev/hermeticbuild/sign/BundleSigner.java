package dev.hermeticbuild.sign;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;

/**
 * The signing axis: what turns a statement or a file into a Sigstore bundle. A key (a PEM file or
 * a PKCS#11 token, {@link KeyBundleSigner}) and keyless signing (a Fulcio certificate and a Rekor
 * entry) both implement it, so every command and the build engine sign the same way whichever is used.
 */
public interface BundleSigner {

    /**
     * Signs in-toto statement bytes into a DSSE bundle after a strict check of the statement;
     * {@code source} names the statement in errors.
     */
    byte[] attest(byte[] statement, String source);

    /** Signs a file into a message-signature bundle. */
    byte[] signFile(Path file);

    /** Who signs, for people: {@code key 3f2a…} or {@code keyless (Fulcio https://…)}. */
    String identity();

    /** The public key bundles are verified with, when it is known before signing (never for keyless). */
    Optional<PublicKey> publicKey();
}
