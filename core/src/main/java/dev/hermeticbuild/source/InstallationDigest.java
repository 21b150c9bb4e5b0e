package dev.hermeticbuild.source;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.digest.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The digest of a toolchain installation, computed by the runner on the host: a directory tree
 * as the in-toto {@code dirHash} (every regular file, symlinks not followed, exactly
 * {@code find . -type f | cut -c3- | LC_ALL=C sort | xargs -r sha256sum | sha256sum}), a single
 * binary as its {@code sha256}. Hashing a JDK costs about a second, so a tree's result is kept in
 * the runner's private directory and reused while every file's size, mtime, ctime and inode are
 * unchanged ({@link InstallationDigestCache}).
 */
public final class InstallationDigest {

    /** The in-toto DigestSet name of a directory tree's hash. */
    public static final String DIR_HASH = "dirHash";

    private InstallationDigest() {
    }

    /** The digest set of {@code installation} (a directory or a regular file; symlinks resolved first). */
    public static Map<String, String> of(Path installation) {
        return of(installation, InstallationDigestCache.runner());
    }

    /** As {@link #of(Path)}, with the cache given (empty: always hash). */
    public static Map<String, String> of(Path installation, Optional<InstallationDigestCache> cache) {
        Path real;
        try {
            real = installation.toRealPath();
        } catch (IOException e) {
            throw new InputException("toolchain " + installation + " cannot be read: " + e.getMessage(), e);
        }
        if (Files.isRegularFile(real)) {
            return Map.of("sha256", fileDigest(real, cache));
        }
        if (!Files.isDirectory(real)) {
            throw new InputException("toolchain " + installation + " is neither a directory nor a regular file");
        }
        List<String> files = regularFiles(real);
        Optional<String> fingerprint = fingerprint(real, files);
        Optional<String> known = cache.flatMap(c -> fingerprint.flatMap(f -> c.lookup(real, f)));
        if (known.isPresent()) {
            return Map.of(DIR_HASH, known.get());
        }
        String hash = dirHash(real, files);
        cache.ifPresent(c -> fingerprint.ifPresent(f -> c.store(real, f, hash)));
        return Map.of(DIR_HASH, hash);
    }

    /** A single-file toolchain's sha256 (a node binary is about 100 MB), cached like a tree under the file's own fingerprint. */
    private static String fileDigest(Path file, Optional<InstallationDigestCache> cache) {
        Optional<String> fingerprint = fileFingerprint(file);
        Optional<String> known = cache.flatMap(c -> fingerprint.flatMap(f -> c.lookup(file, f)));
        if (known.isPresent()) {
            return known.get();
        }
        String hash = Sha256.ofFile(file);
        cache.ifPresent(c -> fingerprint.ifPresent(f -> c.store(file, f, hash)));
        return hash;
    }

    /** A regular file's fingerprint (name, size, mtime, ctime, inode, device); empty when it cannot be read. */
    static Optional<String> fileFingerprint(Path file) {
        return fingerprint(file.getParent(), List.of(file.getFileName().toString())).map(f -> "file " + f);
    }

    /**
     * The tree's regular files, relative, '/'-separated, in byte order (what {@code LC_ALL=C sort}
     * gives for UTF-8 names: unsigned bytes). One walk, whose attributes say what is a regular file
     * without a second look at each.
     */
    private static List<String> regularFiles(Path root) {
        List<Name> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        String relative = root.relativize(file).toString();
                        if (relative.indexOf('\n') >= 0) {
                            throw new InputException("toolchain " + root + " holds a file name with a newline; its dirHash is undefined");
                        }
                        files.add(new Name(relative, relative.getBytes(StandardCharsets.UTF_8)));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new InputException("toolchain " + root + " cannot be walked: " + e.getMessage(), e);
        }
        files.sort((a, b) -> Arrays.compareUnsigned(a.utf8(), b.utf8()));
        return files.stream().map(Name::text).toList();
    }

    private record Name(String text, byte[] utf8) {
    }

    private static String dirHash(Path root, List<String> files) {
        StringBuilder summary = new StringBuilder();
        for (String f : files) {
            summary.append(Sha256.ofFile(root.resolve(f))).append("  ").append(f).append('\n');
        }
        return Sha256.ofBytes(summary.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** What must be unchanged for a cached hash to stand: per file its name, size, mtime, ctime, inode and device. */
    private static Optional<String> fingerprint(Path root, List<String> files) {
        StringBuilder s = new StringBuilder();
        try {
            for (String f : files) {
                Map<String, Object> a = Files.readAttributes(root.resolve(f), "unix:size,lastModifiedTime,ctime,ino,dev",
                        LinkOption.NOFOLLOW_LINKS);
                s.append(f).append('\0').append(a.get("size")).append(' ').append(nanos(a.get("lastModifiedTime")))
                        .append(' ').append(nanos(a.get("ctime"))).append(' ').append(a.get("ino")).append(' ')
                        .append(a.get("dev")).append('\n');
            }
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        return Optional.of(Sha256.ofBytes(s.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String nanos(Object time) {
        return time instanceof FileTime t ? Long.toString(t.to(TimeUnit.NANOSECONDS)) : String.valueOf(time);
    }
}
