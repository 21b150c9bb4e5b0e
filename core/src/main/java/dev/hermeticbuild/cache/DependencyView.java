package dev.hermeticbuild.cache;

import dev.hermeticbuild.FileTrees;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One build's read-only window on the dependency cache: a fresh runner-owned directory holding a
 * hard link to each entry the build's locks name, each hashed through its link after the link is
 * made, so the inode checked is the inode the sandbox shows. The sandbox mounts the directory
 * read-only; nothing is copied. No write, truncate, chmod or utime reaches an entry from inside
 * (a read-only mount refuses them whatever the build's uid), no new hard link can be made to one
 * (links never cross mounts), and only the runner can change which inode a name in the view is.
 * The view lies on the cache's filesystem (hard links cannot leave it) where the sandbox's host
 * uid can reach it: in the cache ({@code ROOT/views/ID}), or in a runner directory on the same
 * filesystem when the cache sits under a home the build user cannot pass. It is removed after
 * the build; the entries stay.
 */
public final class DependencyView implements AutoCloseable {

    static final String VIEWS = "views";

    private final ContentCache cache;
    private final Path directory;
    private final String mountPoint;
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    private DependencyView(ContentCache cache, Path directory, String mountPoint) {
        this.cache = cache;
        this.directory = directory;
        this.mountPoint = mountPoint;
    }

    /**
     * A new, empty view of {@code cache} that a sandbox started as host {@code uid}:{@code gid}
     * can mount at {@code mountPoint}: in the cache itself if that uid may pass every directory on
     * the way, else under the first of {@code elsewhere} (runner-owned directories that no one
     * else may write) on the cache's filesystem that it may pass. Empty when there is none:
     * the caller then copies the entries instead.
     */
    public static Optional<DependencyView> create(ContentCache cache, int uid, int gid, List<Path> elsewhere, String mountPoint) {
        try {
            Path own = cache.root().resolve(VIEWS);
            if (traversable(cache.root(), uid, gid)) {
                return Optional.of(in(cache, cache.createDirectories(own), mountPoint));
            }
            Object device = Files.getAttribute(cache.root(), "unix:dev");
            for (Path base : elsewhere) {
                Path views = base.resolve(VIEWS);
                if (Files.getAttribute(base, "unix:dev").equals(device) && traversable(base, uid, gid)) {
                    try {
                        Files.createDirectory(views);
                        Files.setPosixFilePermissions(views, PosixFilePermissions.fromString("rwxr-xr-x"));
                    } catch (FileAlreadyExistsException exists) {
                        // checked below like any existing one
                    }
                    if (ownedByRunnerAlone(views)) {
                        return Optional.of(in(cache, views, mountPoint));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new CacheException("cannot make a view of the cache " + cache.root() + ": " + e.getMessage(), e);
        }
    }

    private static DependencyView in(ContentCache cache, Path views, String mountPoint) throws IOException {
        Path dir = views.resolve(UUID.randomUUID().toString());
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new DependencyView(cache, dir, mountPoint);
    }

    /** The host directory the sandbox mounts read-only at {@link #mountPoint()}. */
    public Path directory() {
        return directory;
    }

    /** Where the sandbox shows {@link #directory()}. */
    public String mountPoint() {
        return mountPoint;
    }

    /**
     * Links the entry {@code algorithm:hex} into the view and hashes it through the link: a
     * poisoned entry is refused, naming {@code what}. Where the filesystem makes no hard links,
     * the entry is copied into the view instead, hashed as it goes. Returns where the build sees it.
     */
    public String add(String what, String algorithm, String hex) {
        String name = algorithm + "-" + hex;
        Path link = directory.resolve(name);
        if (verified.contains(name)) {
            return inside(name);
        }
        Path entry = cache.checkedEntry(what, algorithm, hex);
        try {
            Files.createLink(link, entry);
        } catch (FileAlreadyExistsException raced) {
            // the same bytes under two names, linked by another thread: hashed below like any link
        } catch (NoSuchFileException e) {
            throw new CacheException(what + " is not in the cache " + cache.root() + " (run hermetic prefetch)");
        } catch (FileSystemException | UnsupportedOperationException noHardLinks) {
            cache.copyVerified(what, algorithm, hex, link);
            verified.add(name);
            return inside(name);
        } catch (IOException e) {
            throw new CacheException("cannot link cache entry " + entry + " for " + what + " into " + directory + ": " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(link, LinkOption.NOFOLLOW_LINKS)) {
            throw new CacheException("cache entry " + entry + " for " + what + " is not a regular file: remove it and run hermetic prefetch");
        }
        cache.verifyLink(what, algorithm, hex, link);
        verified.add(name);
        return inside(name);
    }

    private String inside(String name) {
        return mountPoint + "/" + name;
    }

    /** Where a view file the build sees at {@code inside} lies on the host. */
    public Path onHost(String inside) {
        return directory.resolve(inside.substring(mountPoint.length() + 1));
    }

    /** Removes the view (its links only; the entries stay in the cache). */
    @Override
    public void close() {
        FileTrees.deleteQuietly(directory);
    }

    /**
     * Whether {@code uid}:{@code gid} (no supplementary groups) may search every directory from
     * the root down to {@code dir}, by their mode bits.
     */
    static boolean traversable(Path dir, int uid, int gid) throws IOException {
        Path current = dir.toAbsolutePath().normalize();
        for (; current != null; current = current.getParent()) {
            PosixFileAttributes a = Files.readAttributes(current, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) Files.getAttribute(current, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            int owner = (Integer) Files.getAttribute(current, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int group = (Integer) Files.getAttribute(current, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            int bit = owner == uid ? 0100 : group == gid ? 0010 : 0001;
            if (!a.isDirectory() || (mode & bit) == 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean ownedByRunnerAlone(Path dir) throws IOException {
        PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        int mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return a.isDirectory() && owner == self && (mode & 0022) == 0;
    }
}
