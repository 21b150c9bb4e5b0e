package dev.hermeticbuild.cache;

import dev.hermeticbuild.lock.LockedDependency;
import dev.hermeticbuild.lock.MavenLockfile;
import dev.hermeticbuild.lock.ProjectLock;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lays out a Maven local repository holding exactly the files the Maven lock names, each
 * re-checked by digest. Maven writes into its local repository, so the build gets a private one.
 * Its locked files are symlinks into a read-only {@link DependencyView} when the build is
 * sandboxed (nothing copied; see {@link #linked}), or copies otherwise (an unsandboxed build could
 * write through a link). Either way the cache itself is never writable by a build. Entries shown
 * through a view are checked in parallel.
 */
public final class MavenRepositoryMaterializer {

    private MavenRepositoryMaterializer() {
    }

    /** The lock's files as links into a view, not yet laid out anywhere, and which locked files the cache lacks. */
    public record Linked(RepositoryLayout layout, CacheUsage usage) {
    }

    /** Copies every locked file into {@code repository}. */
    public static CacheUsage materialize(ProjectLock lock, ContentCache cache, Path repository) {
        return materialize(lock, cache, repository, Optional.empty());
    }

    /** As {@link #materialize(ProjectLock, ContentCache, Path)}; with {@code view}, each locked file is a symlink to its entry in the view. */
    public static CacheUsage materialize(ProjectLock lock, ContentCache cache, Path repository, Optional<DependencyView> view) {
        if (view.isPresent()) {
            Linked linked = linked(lock, cache, view.get());
            linked.layout().writeUnder(repository);
            return linked.usage();
        }
        Map<LockedDependency, Path> targets = targets(lock, cache);
        for (Map.Entry<LockedDependency, Path> e : targets.entrySet()) {
            LockedDependency d = e.getKey();
            cache.copyVerified(MavenLockfile.coordinates(d).toString(), "sha256", sha256(d), repository.resolve(e.getValue()));
        }
        return usage(lock, targets);
    }

    /**
     * Adds every locked file the cache holds to {@code view} (each hashed through its link, in
     * parallel) and returns the repository that links to them, as data.
     */
    public static Linked linked(ProjectLock lock, ContentCache cache, DependencyView view) {
        Map<LockedDependency, Path> targets = targets(lock, cache);
        Map<Path, String> links = new ConcurrentHashMap<>();
        targets.entrySet().parallelStream().forEach(e -> {
            LockedDependency d = e.getKey();
            String inside = view.add(MavenLockfile.coordinates(d).toString(), "sha256", sha256(d));
            String before = links.putIfAbsent(e.getValue(), inside);
            if (before != null && !before.equals(inside)) {
                throw new CacheException("the lock names two different files for " + e.getValue().getFileName()
                        + " at the same repository path: fix the lock");
            }
        });
        return new Linked(RepositoryLayout.of(links), usage(lock, targets));
    }

    /** Each locked file the cache holds, with its path relative to the repository root. */
    private static Map<LockedDependency, Path> targets(ProjectLock lock, ContentCache cache) {
        Map<LockedDependency, Path> targets = new LinkedHashMap<>();
        for (LockedDependency d : lock.of("maven")) {
            if (!cache.contains("sha256", sha256(d))) {
                continue;
            }
            MavenLockfile.Coordinates c = MavenLockfile.coordinates(d);
            Path relative = Path.of(c.repositoryPath()).normalize();
            if (relative.isAbsolute() || relative.startsWith("..") || relative.toString().isEmpty()) {
                throw new CacheException(d.where() + ": its repository path " + c.repositoryPath() + " leaves the repository");
            }
            targets.put(d, relative);
        }
        return targets;
    }

    private static CacheUsage usage(ProjectLock lock, Map<LockedDependency, Path> found) {
        List<String> missing = lock.of("maven").stream().filter(d -> !found.containsKey(d))
                .map(d -> MavenLockfile.coordinates(d).toString()).toList();
        return new CacheUsage(lock.of("maven").size() - missing.size(), missing);
    }

    private static String sha256(LockedDependency d) {
        return d.sha256().orElseThrow(() -> new CacheException(d.where() + ": no sha256 to look it up in the cache"));
    }
}
