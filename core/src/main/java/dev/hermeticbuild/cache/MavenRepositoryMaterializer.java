package dev.hermeticbuild.cache;

import dev.hermeticbuild.lock.LockedDependency;
import dev.hermeticbuild.lock.MavenLockfile;
import dev.hermeticbuild.lock.ProjectLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        List<LockedDependency> found = deps.stream().filter(d -> cache.contains("sha256", sha256(d))).toList();
        Map<LockedDependency, Path> targets = new java.util.LinkedHashMap<>();
        for (LockedDependency d : found) {
            MavenLockfile.Coordinates c = MavenLockfile.coordinates(d);
            Path target = repository.resolve(c.repositoryPath()).normalize();
            if (!target.startsWith(repository.normalize())) {
                throw new CacheException(d.where() + ": its repository path " + c.repositoryPath() + " leaves the repository");
            }
            targets.put(d, target);
        }
        // every directory made once, by one thread (parallel mkdirs of shared parents contend on their locks)
        directories(targets.values());
        // Links are made once per path (a second, different one is refused), so only the view is laid out in parallel.
        var laidOut = targets.entrySet().stream();
        (view.isPresent() ? laidOut.parallel() : laidOut).forEach(e -> {
            LockedDependency d = e.getKey();
            String what = MavenLockfile.coordinates(d).toString();
            if (view.isPresent()) {
                link(e.getValue(), view.get().add(what, "sha256", sha256(d)));
            } else {
                cache.copyVerified(what, "sha256", sha256(d), e.getValue());
            }
        });
        return new CacheUsage(deps.size() - missing.size(), missing);
    }

    private static String sha256(LockedDependency d) {
        return d.sha256().orElseThrow(() -> new CacheException(d.where() + ": no sha256 to look it up in the cache"));
    }

    /** Creates the parent directory of each of {@code files}, each directory once. */
    private static void directories(java.util.Collection<Path> files) {
        java.util.Set<Path> made = new java.util.HashSet<>();
        for (Path dir : new java.util.TreeSet<>(files.stream().map(Path::getParent).toList())) {
            if (made.add(dir)) {
                try {
                    if (!made.contains(dir.getParent())) {
                        Files.createDirectories(dir.getParent());
                        for (Path p = dir.getParent(); p != null && made.add(p); p = p.getParent()) {
                            // every ancestor now exists
                        }
                    }
                    Files.createDirectory(dir);
                } catch (java.nio.file.FileAlreadyExistsException exists) {
                    // made by a lock entry before (two files of one version)
                } catch (IOException e) {
                    throw new CacheException("cannot lay out " + dir + " in the build's repository: " + e.getMessage(), e);
                }
            }
        }
    }

    private static void link(Path target, String inside) {
        try {
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
