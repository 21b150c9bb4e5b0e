package dev.hermeticbuild.verify;

import dev.hermeticbuild.digest.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers signatures already found valid, keyed by (envelope digest, key id), so repeated
 * in-process verification of the same bundle skips the public-key operation. Only successes
 * are cached, and only the signature check: revocation and policy checks run every time.
 * Bounded (least recently used entries go first); thread-safe.
 */
public final class VerifiedSignatureCache {

    private final Map<String, Boolean> entries;

    /** A cache holding at most {@code capacity} verified signatures. */
    public VerifiedSignatureCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The cache key: SHA-256 over the key id, the signed bytes and the signature, each
     * length-prefixed, so no two different triples share a key.
     */
    public static String key(String keyId, byte[] signedBytes, byte[] signature) {
        MessageDigest md = Sha256.newDigest();
        for (byte[] part : new byte[][] {keyId.getBytes(StandardCharsets.UTF_8), signedBytes, signature}) {
            md.update(java.nio.ByteBuffer.allocate(8).putLong(part.length).array());
            md.update(part);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Whether this exact signature was verified before. */
    public synchronized boolean contains(String key) {
        return entries.containsKey(key);
    }

    /** Records a verified signature. */
    public synchronized void add(String key) {
        entries.put(key, Boolean.TRUE);
    }

    /** How many verified signatures are held. */
    public synchronized int size() {
        return entries.size();
    }
}
