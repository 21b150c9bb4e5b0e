package dev.hermeticbuild.cache;

import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A content-addressed store of dependency files: an entry's name is the digest of its bytes
 * ({@code ROOT/sha256/ab/abcd...}). Entries are only ever created whole, by an atomic rename of
 * a fully verified temporary file, and never overwritten; every read re-verifies the digest, so
 * bytes changed on disk (a poisoned entry) are detected. The cache never follows a symlink below
 * its root when it cleans, writes or reads, and every directory in it must belong to this user:
 * otherwise whoever planted the link or owns the directory could make the runner delete or
 * overwrite files elsewhere, or swap entries between check and use.
 */
public final class ContentCache {

    /** Digest algorithms the cache can key entries by, as named in lockfiles. */
    public static final Map<String, String> ALGORITHMS = Map.of("sha256", "SHA-256", "sha512", "SHA-512");

    private static final String TMP = "tmp";
    /** This process's uid, read once from /proc/self. */
    private static final java.util.concurrent.atomic.AtomicReference<Integer> SELF_UID = new java.util.concurrent.atomic.AtomicReference<>();
    private static final java.util.regex.Pattern HEX_KEY = java.util.regex.Pattern.compile("[0-9a-f]{32,128}");

    private final Path root;

    public ContentCache(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        try {
            this.root = Files.exists(abs) ? abs.toRealPath() : abs;
        } catch (IOException e) {
            throw new InputException("--cache " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * The cache at {@code root} for a build or prefetch of {@code workspace}, created if missing.
     * Refused when it lies in the workspace (the untrusted build could plant entries or links
     * there), when it or one of its top directories is not this user's, or is a symlink.
     */
    public static ContentCache open(Path root, Path workspace) {
        ContentCache cache;
        Path ws;
        try {
            Files.createDirectories(root);
            cache = new ContentCache(root);
            ws = workspace.toRealPath();
        } catch (IOException e) {
            throw new InputException("--cache " + root + ": cannot create or open the cache (" + e + ")", e);
        }
        if (cache.root.startsWith(ws)) {
            throw new InputException("--cache " + root + " is inside the workspace " + ws + ", where the untrusted build could"
                    + " write; keep the dependency cache outside it (default ~/.cache/hermetic)");
        }
        try {
            cache.checkDirectory(cache.root);
            for (String top : List.of(TMP, "sha256", "sha512", DependencyView.VIEWS)) {
                if (Files.exists(cache.root.resolve(top), LinkOption.NOFOLLOW_LINKS)) {
                    cache.checkDirectory(cache.root.resolve(top));
                }
            }
        } catch (IOException e) {
            throw new InputException("--cache " + root + ": cannot inspect the cache (" + e + ")", e);
        }
        return cache;
    }

    public Path root() {
        return root;
    }

    public Path entry(String algorithm, String hex) {
        if (!ALGORITHMS.containsKey(algorithm) || !HEX_KEY.matcher(hex).matches()) {
            throw new InputException("not a cache key: " + algorithm + ":" + hex);
        }
        return root.resolve(algorithm).resolve(hex.substring(0, 2)).resolve(hex);
    }

    public boolean contains(String algorithm, String hex) {
        return Files.isRegularFile(entry(algorithm, hex), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Stores the bytes of {@code in} under {@code algorithm:expected}, after checking them. On a
     * mismatch nothing is kept and the message names {@code what} and both digests. If the entry
     * already exists (another prefetch won the race) the new copy is discarded, never swapped in.
     */
    public void put(String what, String algorithm, String expected, InputStream in) {
        Path tmpDir = root.resolve(TMP);
        Path tmp = tmpDir.resolve("partial-" + UUID.randomUUID());
        try {
            directories(tmpDir);
            MessageDigest md = digest(algorithm);
            try (InputStream digesting = new DigestInputStream(in, md); OutputStream out = Files.newOutputStream(tmp,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                digesting.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(md.digest());
            if (!actual.equals(expected)) {
                throw new CacheException(what + ": downloaded bytes do not match the lock: expected " + algorithm + ":" + expected
                        + ", got " + algorithm + ":" + actual + "; nothing was added to the cache");
            }
            Path entry = entry(algorithm, expected);
            directories(entry.getParent());
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

    /**
     * Stores the file {@code file} under {@code algorithm:expected} unless the cache has it
     * already, checking its bytes as {@link #put} does; whether it was stored.
     */
    public boolean putFile(String what, String algorithm, String expected, Path file) {
        if (contains(algorithm, expected)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            put(what, algorithm, expected, in);
            return true;
        } catch (IOException e) {
            throw new CacheException(what + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Re-reads an entry and checks its digest; a mismatch means the entry was changed on disk. */
    public void verify(String what, String algorithm, String expected) {
        copyVerified(what, algorithm, expected, null);
    }

    /** Copies an entry to {@code target} while checking its digest; on a mismatch the copy is deleted. */
    public void copyVerified(String what, String algorithm, String expected, Path target) {
        Path entry = checkedEntry(what, algorithm, expected);
        hashed(what, algorithm, expected, entry, target);
    }

    /**
     * The entry's path, after checking that every directory down to it is the cache's own and
     * that it is no symlink; it may still be missing.
     */
    Path checkedEntry(String what, String algorithm, String expected) {
        Path entry = entry(algorithm, expected);
        try {
            existingDirectories(entry.getParent());
            if (Files.isSymbolicLink(entry)) {
                throw new CacheException("cache entry " + entry + " for " + what + " is a symlink; the cache never follows"
                        + " symlinks: remove it and run hermetic prefetch");
            }
        } catch (IOException e) {
            throw new CacheException("cannot read cache entry " + entry + " for " + what + ": " + e.getMessage(), e);
        }
        return entry;
    }

    /**
     * Checks that {@code link} (a hard link to the entry {@code algorithm:expected}, which a
     * build is about to be shown) hashes to it; a mismatch names the entry as poisoned.
     */
    void verifyLink(String what, String algorithm, String expected, Path link) {
        hashed(what, algorithm, expected, link, null);
    }

    /** Creates {@code dir} below the root as needed, every directory on the way checked as the cache's own. */
    Path createDirectories(Path dir) {
        try {
            directories(dir);
            return dir;
        } catch (IOException e) {
            throw new CacheException("cannot create " + dir + " in the cache: " + e.getMessage(), e);
        }
    }

    /** Where the cache writes its temporary files (never entries). */
    Path tmpDirectory() {
        return root.resolve(TMP);
    }

    /** Hashes {@code source} (the entry or a link to it), copying it to {@code target} when given. */
    private void hashed(String what, String algorithm, String expected, Path source, Path target) {
        Path entry = entry(algorithm, expected);
        try {
            MessageDigest md = digest(algorithm);
            if (target != null) {
                Files.createDirectories(target.getParent());
            }
            try (InputStream in = new DigestInputStream(Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS), md);
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

    /**
     * Removes partial downloads left by an interrupted prefetch (they were never entries). A
     * {@code tmp} that is a symlink or not this user's is refused, never listed.
     */
    public void clean() {
        Path tmpDir = root.resolve(TMP);
        try {
            if (!Files.exists(tmpDir, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            existingDirectories(tmpDir);
        } catch (IOException e) {
            throw new CacheException("cannot inspect " + tmpDir + ": " + e.getMessage(), e);
        }
        try (var files = Files.list(tmpDir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // partial files are harmless
        }
    }

    /** Creates {@code dir} (under the root) as needed; every directory from the root down must pass {@link #checkDirectory}. */
    private void directories(Path dir) throws IOException {
        checkDirectory(root);
        Path current = root;
        for (Path name : root.relativize(dir)) {
            current = current.resolve(name);
            try {
                Files.createDirectory(current);
            } catch (FileAlreadyExistsException exists) {
                // checked below, whatever it is
            }
            checkDirectory(current);
        }
    }

    /** Checks the directories from the root down to {@code dir} that exist; stops at the first missing one. */
    private void existingDirectories(Path dir) throws IOException {
        checkDirectory(root);
        Path current = root;
        for (Path name : root.relativize(dir)) {
            current = current.resolve(name);
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            checkDirectory(current);
        }
    }

    /** A directory of the cache: a real directory (not a symlink) owned by this process's user (one stat). */
    private void checkDirectory(Path dir) throws IOException {
        Map<String, Object> attrs = Files.readAttributes(dir, "unix:uid,isDirectory,isSymbolicLink", LinkOption.NOFOLLOW_LINKS);
        if ((Boolean) attrs.get("isSymbolicLink")) {
            throw new CacheException("cache directory " + dir + " is a symlink (to " + Files.readSymbolicLink(dir) + "); the cache"
                    + " never follows symlinks, which could make it delete or write files elsewhere: remove the link");
        }
        if (!(Boolean) attrs.get("isDirectory")) {
            throw new CacheException("cache path " + dir + " is not a directory: remove it");
        }
        int owner = (Integer) attrs.get("uid");
        int self = selfUid();
        if (owner != self) {
            throw new CacheException("cache directory " + dir + " belongs to uid " + owner + ", not to this user (uid " + self
                    + "): its owner could change what the cache holds; use a cache directory of your own");
        }
    }

    private static int selfUid() throws IOException {
        Integer uid = SELF_UID.get();
        if (uid == null) {
            uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            SELF_UID.set(uid);
        }
        return uid;
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
