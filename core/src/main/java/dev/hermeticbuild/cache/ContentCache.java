package dev.hermeticbuild.cache;

import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A content-addressed store of dependency files: an entry's name is the digest of its bytes
 * ({@code ROOT/sha256/ab/abcd...}). Entries are only ever created whole, by an atomic rename of
 * a fully verified temporary file, and never overwritten; every read re-verifies the digest, so
 * bytes changed on disk (a poisoned entry) are detected.
 */
public final class ContentCache {

    /** Digest algorithms the cache can key entries by, as named in lockfiles. */
    public static final Map<String, String> ALGORITHMS = Map.of("sha256", "SHA-256", "sha512", "SHA-512");

    private final Path root;

    public ContentCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path entry(String algorithm, String hex) {
        if (!ALGORITHMS.containsKey(algorithm) || !hex.matches("[0-9a-f]{32,128}")) {
            throw new InputException("not a cache key: " + algorithm + ":" + hex);
        }
        return root.resolve(algorithm).resolve(hex.substring(0, 2)).resolve(hex);
    }

    public boolean contains(String algorithm, String hex) {
        return Files.isRegularFile(entry(algorithm, hex));
    }

    /**
     * Stores the bytes of {@code in} under {@code algorithm:expected}, after checking them. On a
     * mismatch nothing is kept and the message names {@code what} and both digests. If the entry
     * already exists (another prefetch won the race) the new copy is discarded, never swapped in.
     */
    public void put(String what, String algorithm, String expected, InputStream in) {
        Path tmpDir = root.resolve("tmp");
        Path tmp = tmpDir.resolve("partial-" + UUID.randomUUID());
        try {
            Files.createDirectories(tmpDir);
            MessageDigest md = digest(algorithm);
            try (InputStream digesting = new DigestInputStream(in, md); OutputStream out = Files.newOutputStream(tmp)) {
                digesting.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(md.digest());
            if (!actual.equals(expected)) {
                throw new CacheException(what + ": downloaded bytes do not match the lock: expected " + algorithm + ":" + expected
                        + ", got " + algorithm + ":" + actual + "; nothing was added to the cache");
            }
            Path entry = entry(algorithm, expected);
            Files.createDirectories(entry.getParent());
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r--r--r--"));
            try {
                Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
                // an entry is never replaced; the one already there is checked on every read
            }
        } catch (IOException e) {
            throw new CacheException(what + ": cannot store in the cache " + root + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover partial file is never an entry and is removed by clean()
            }
        }
    }

    /** Re-reads an entry and checks its digest; a mismatch means the entry was changed on disk. */
    public void verify(String what, String algorithm, String expected) {
        copyVerified(what, algorithm, expected, null);
    }

    /** Copies an entry to {@code target} while checking its digest; on a mismatch the copy is deleted. */
    public void copyVerified(String what, String algorithm, String expected, Path target) {
        Path entry = entry(algorithm, expected);
        try {
            MessageDigest md = digest(algorithm);
            if (target != null) {
                Files.createDirectories(target.getParent());
            }
            try (InputStream in = new DigestInputStream(Files.newInputStream(entry), md);
                 OutputStream out = target == null ? OutputStream.nullOutputStream() : Files.newOutputStream(target)) {
                in.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(md.digest());
            if (!actual.equals(expected)) {
                if (target != null) {
                    Files.deleteIfExists(target);
                }
                throw new CacheException("poisoned cache entry for " + what + ": " + entry + " should hash to " + algorithm + ":"
                        + expected + " but hashes to " + algorithm + ":" + actual + "; remove it and run hermetic prefetch");
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CacheException(what + " is not in the cache " + root + " (run hermetic prefetch)");
        } catch (IOException e) {
            throw new CacheException("cannot read cache entry " + entry + " for " + what + ": " + e.getMessage(), e);
        }
    }

    /** Removes partial downloads left by an interrupted prefetch (they were never entries). */
    public void clean() {
        Path tmpDir = root.resolve("tmp");
        if (!Files.isDirectory(tmpDir)) {
            return;
        }
        try (var files = Files.list(tmpDir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // partial files are harmless
        }
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(ALGORITHMS.get(algorithm));
        } catch (NoSuchAlgorithmException | NullPointerException e) {
            throw new InputException("unsupported digest algorithm " + algorithm);
        }
    }

    static Set<String> algorithms() {
        return ALGORITHMS.keySet();
    }
}
