package dev.hermeticbuild.cache;

import dev.hermeticbuild.lock.LockedDependency;
import dev.hermeticbuild.lock.MavenLockfile;
import dev.hermeticbuild.lock.ProjectLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out a Maven local repository holding exactly the files hermetic.lock names, each copied
 * from the cache with its digest re-checked. Maven writes into its local repository, so the
 * build gets this private copy; the cache itself is never writable by a build.
 */
public final class MavenRepositoryMaterializer {

    private MavenRepositoryMaterializer() {
    }

    public static CacheUsage materialize(ProjectLock lock, ContentCache cache, Path repository) {
        int hits = 0;
        List<String> missing = new ArrayList<>();
        for (LockedDependency d : lock.of("maven")) {
            MavenLockfile.Coordinates c = MavenLockfile.coordinates(d);
            String sha256 = d.sha256().orElseThrow(() -> new CacheException(d.where() + ": no sha256 to look it up in the cache"));
            if (!cache.contains("sha256", sha256)) {
                missing.add(c.toString());
                continue;
            }
            Path target = repository.resolve(c.repositoryPath()).normalize();
            if (!target.startsWith(repository.normalize())) {
                throw new CacheException(d.where() + ": its repository path " + c.repositoryPath() + " leaves the repository");
            }
            cache.copyVerified(c.toString(), "sha256", sha256, target);
            hits++;
        }
        return new CacheUsage(hits, missing);
    }
}
