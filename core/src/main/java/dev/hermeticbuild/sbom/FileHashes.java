package dev.hermeticbuild.sbom;

import dev.hermeticbuild.cache.CacheException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SHA-1, SHA-256 and SHA-512 of a file we hold (a verified cache entry, an output), computed in
 * one read; the digests a lock states for it are checked against the same read, so the hashes
 * the SBOM publishes are of bytes that match the lock.
 */
final class FileHashes {

    /** CycloneDX algorithm names, in the order the SBOM lists them. */
    static final List<String> ALGORITHMS = List.of("SHA-1", "SHA-256", "SHA-512");
    /** Lockfile digest names to CycloneDX algorithm names. */
    static final Map<String, String> LOCK_NAMES = Map.of("sha1", "SHA-1", "sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512");

    /** Hex digits of each digest the SBOM takes from a lock; a digest of another length is not one. */
    static final Map<String, Integer> HEX_LENGTHS = new java.util.TreeMap<>(Map.of("sha1", 40, "sha256", 64, "sha384", 96, "sha512", 128));

    private FileHashes() {
    }

    /**
     * The file's digests (CycloneDX algorithm to lower-case hex), checked against {@code expected}
     * (lockfile names: sha256, sha512...); {@code what} names the file in the error a mismatch raises.
     */
    static Map<String, String> of(Path file, Map<String, String> expected, String what, List<String> algorithms) {
        return checked(computed(file, what, algorithms), file, expected, what);
    }

    /** As {@link #of}, taking the file's hashes from {@code read} when it holds them. */
    static Map<String, String> of(Path file, Map<String, String> expected, String what, List<String> algorithms, EntryHashes read) {
        Optional<Map<String, String>> known = read.of(file);
        if (known.isEmpty() || !known.get().keySet().containsAll(algorithms)) {
            return of(file, expected, what, algorithms);
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        algorithms.forEach(a -> hashes.put(a, known.get().get(a)));
        return checked(hashes, file, expected, what);
    }

    /** The file's digests by {@code algorithms}, in one read. */
    static Map<String, String> computed(Path file, String what, List<String> algorithms) {
        MessageDigest[] digests = new MessageDigest[algorithms.size()];
        try {
            for (int i = 0; i < digests.length; i++) {
                digests[i] = MessageDigest.getInstance(algorithms.get(i));
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (MessageDigest d : digests) {
                    d.update(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            throw new CacheException(what + ": cannot read " + file + " to hash it for the SBOM: " + e.getMessage(), e);
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        for (int i = 0; i < digests.length; i++) {
            hashes.put(algorithms.get(i), HexFormat.of().formatHex(digests[i].digest()));
        }
        return hashes;
    }

    private static Map<String, String> checked(Map<String, String> hashes, Path file, Map<String, String> expected, String what) {
        for (var e : expected.entrySet()) {
            String alg = LOCK_NAMES.get(e.getKey());
            if (alg != null && hashes.containsKey(alg) && !hashes.get(alg).equals(e.getValue())) {
                throw new CacheException(what + ": " + file + " has " + e.getKey() + ":" + hashes.get(alg) + " but "
                        + e.getKey() + ":" + e.getValue() + " was recorded for it: the file changed on disk (a cache entry:"
                        + " remove it and run hermetic prefetch)");
            }
        }
        return hashes;
    }

    /** The digests a lock states, as CycloneDX hashes (algorithms CycloneDX does not know, such as Go's h1, are left out). */
    static Map<String, String> fromLock(Map<String, String> digests) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (var alg : HEX_LENGTHS.entrySet()) {
            String hex = digests.get(alg.getKey());
            if (hex != null && hex.matches("[0-9a-f]{" + alg.getValue() + "}")) {
                hashes.put(LOCK_NAMES.get(alg.getKey()), hex);
            }
        }
        return hashes;
    }
}
