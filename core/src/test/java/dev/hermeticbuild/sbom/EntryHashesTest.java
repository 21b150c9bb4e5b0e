package dev.hermeticbuild.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.cache.CacheException;
import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.lock.LockedDependency;
import dev.hermeticbuild.lock.ProjectLock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hashes read in the background while a build runs are the hashes the SBOM would have read
 * itself, are still checked against the lock (an entry that no longer matches is refused, named),
 * and an entry the background could not read is read, and reported, by the SBOM.
 */
class EntryHashesTest {

    @TempDir
    Path project;
    @TempDir
    Path cacheDir;

    private List<LockedDependency> locked(ContentCache cache, String... jars) throws Exception {
        StringBuilder lock = new StringBuilder();
        for (String name : jars) {
            byte[] bytes = ("jar " + name).getBytes(StandardCharsets.UTF_8);
            String sha = Sha256.ofBytes(bytes);
            cache.put(name, "sha256", sha, new ByteArrayInputStream(bytes));
            lock.append("org.t:").append(name).append(":jar:1 sha256=").append(sha).append('\n');
        }
        Files.writeString(project.resolve("hermetic.lock"), lock);
        return ProjectLock.read(project).dependencies();
    }

    private static Path entry(ContentCache cache, LockedDependency d) {
        return cache.entry("sha256", d.sha256().orElseThrow());
    }

    @Test
    void theHashesReadInTheBackgroundAreTheOnesTheSbomWouldRead() throws Exception {
        ContentCache cache = new ContentCache(cacheDir);
        List<LockedDependency> deps = locked(cache, "a", "b");
        EntryHashes read = EntryHashes.inBackground(deps, cache);
        for (LockedDependency d : deps) {
            Path entry = cache.entry("sha256", d.sha256().orElseThrow());
            assertEquals(FileHashes.of(entry, d.digests(), d.where(), FileHashes.ALGORITHMS),
                    FileHashes.of(entry, d.digests(), d.where(), FileHashes.ALGORITHMS, read));
            assertEquals(List.of("SHA-256", "SHA-512"), List.copyOf(FileHashes.of(entry, d.digests(), d.where(),
                    List.of("SHA-256", "SHA-512"), read).keySet()), "only the algorithms asked for, in their order");
            assertTrue(read.of(entry).isPresent(), "read beforehand");
        }
    }

    @Test
    void hashesReadBeforehandAreStillCheckedAgainstTheLock() throws Exception {
        ContentCache cache = new ContentCache(cacheDir);
        List<LockedDependency> deps = locked(cache, "a");
        LockedDependency d = deps.get(0);
        Path entry = entry(cache, d);
        EntryHashes read = EntryHashes.inBackground(deps, cache);
        Map<String, String> wrongSha1 = Map.of("sha256", d.sha256().orElseThrow(), "sha1", "0".repeat(40));

        CacheException e = assertThrows(CacheException.class, () -> FileHashes.of(entry, wrongSha1, d.where(), FileHashes.ALGORITHMS, read));
        assertTrue(e.getMessage().contains(d.where()) && e.getMessage().contains("sha1:" + "0".repeat(40)), e.getMessage());
    }

    @Test
    void anEntryNotReadBeforehandIsReadByTheSbomItself() throws Exception {
        ContentCache cache = new ContentCache(cacheDir);
        LockedDependency d = locked(cache, "a").get(0);
        Path entry = entry(cache, d);
        EntryHashes readNothing = EntryHashes.inBackground(List.of(), cache);

        assertTrue(readNothing.of(entry).isEmpty());
        assertTrue(EntryHashes.none().of(entry).isEmpty());
        assertEquals(FileHashes.of(entry, d.digests(), d.where(), FileHashes.ALGORITHMS),
                FileHashes.of(entry, d.digests(), d.where(), FileHashes.ALGORITHMS, readNothing));
    }
}
