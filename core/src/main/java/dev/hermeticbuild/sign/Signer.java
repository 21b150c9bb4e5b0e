package dev.hermeticbuild.sign;

import java.security.PublicKey;

/**
 * Something that signs with one key: a key file, a PKCS#11 token... Signatures are what
 * Sigstore and DSSE expect: ECDSA P-256 with SHA-256, DER encoded, or pure Ed25519.
 */
public interface Signer {

    /** The signing key's algorithm. */
    KeyAlgorithm algorithm();

    /** The public half of the signing key. */
    PublicKey publicKey();

    /** The key id: lowercase hex SHA-256 of the DER SubjectPublicKeyInfo. */
    default String keyId() {
        return KeyId.of(publicKey());
    }

    /** Signs {@code data} (hashing it with SHA-256 first for ECDSA). */
    byte[] sign(byte[] data);

    /**
     * Signs content known only by its SHA-256 digest, giving the same signature as
     * {@link #sign(byte[])} over that content would. ECDSA only: pure Ed25519 needs the content.
     */
    byte[] signSha256Digest(byte[] sha256);
}
