package dev.hermeticbuild.cache;

import dev.hermeticbuild.lock.LockedDependency;
import dev.hermeticbuild.lock.MavenLockfile;
import dev.hermeticbuild.lock.ProjectLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Lays out a Maven local repository holding exactly the files the Maven lock names, each
 * re-checked by digest. Maven writes into its local repository, so the build gets a private one.
 * Its locked files are symlinks into a read-only {@link DependencyView} when the build is
 * sandboxed (nothing copied), or copies otherwise (an unsandboxed build could write through a
 * link). Either way the cache itself is never writable by a build. Entries shown through a view
 * are checked in parallel.
 */
public final class MavenRepositoryMaterializer {

    private MavenRepositoryMaterializer() {
    }

    /** Copies every locked file into {@code repository}. */
    public static CacheUsage materialize(ProjectLock lock, ContentCache cache, Path repository) {
        return materialize(lock, cache, repository, Optional.empty());
    }

    /** As {@link #materialize(ProjectLock, ContentCache, Path)}; with {@code view}, each locked file is a symlink to its entry in the view. */
    public static CacheUsage materialize(ProjectLock lock, ContentCache cache, Path repository, Optional<DependencyView> view) {
        List<LockedDependency> deps = lock.of("maven");
        List<String> missing = deps.stream().filter(d -> !cache.contains("sha256", sha256(d)))
                .map(d -> MavenLockfile.coordinates(d).toString()).toList();
        var found = deps.stream().filter(d -> cache.contains("sha256", sha256(d)));
        // Links are made once per path (a second, different one is refused), so only the view is laid out in parallel.
        (view.isPresent() ? found.parallel() : found).forEach(d -> {
            MavenLockfile.Coordinates c = MavenLockfile.coordinates(d);
            Path target = repository.resolve(c.repositoryPath()).normalize();
            if (!target.startsWith(repository.normalize())) {
                throw new CacheException(d.where() + ": its repository path " + c.repositoryPath() + " leaves the repository");
            }
            if (view.isPresent()) {
                link(target, view.get().add(c.toString(), "sha256", sha256(d)));
            } else {
                cache.copyVerified(c.toString(), "sha256", sha256(d), target);
            }
        });
        return new CacheUsage(deps.size() - missing.size(), missing);
    }

    private static String sha256(LockedDependency d) {
        return d.sha256().orElseThrow(() -> new CacheException(d.where() + ": no sha256 to look it up in the cache"));
    }

    private static void link(Path target, String inside) {
        try {
            Files.createDirectories(target.getParent());
            Files.createSymbolicLink(target, Path.of(inside));
        } catch (java.nio.file.FileAlreadyExistsException twice) {
            try {
                if (!Files.readSymbolicLink(target).equals(Path.of(inside))) {
                    throw new CacheException("the lock names two different files for " + target.getFileName()
                            + " at the same repository path: fix the lock");
                }
            } catch (IOException e) {
                throw new CacheException("cannot lay out " + target + " in the build's repository: " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new CacheException("cannot lay out " + target + " in the build's repository: " + e.getMessage(), e);
        }
    }
}
