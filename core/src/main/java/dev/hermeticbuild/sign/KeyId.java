package dev.hermeticbuild.sign;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;

/**
 * Key ids: the lowercase hex SHA-256 of the key's DER SubjectPublicKeyInfo. Used as the DSSE
 * {@code keyid}, the Sigstore bundle public-key hint, and in keyrings and revocation lists.
 */
public final class KeyId {

    private KeyId() {
    }

    /** The key id of {@code key}. */
    public static String of(PublicKey key) {
        return sha256Hex(key.getEncoded());
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
