package dev.hermeticbuild.sbom;

import dev.hermeticbuild.Background;
import dev.hermeticbuild.cache.CacheKey;
import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.lock.LockedDependency;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SHA-1, SHA-256 and SHA-512 of the cache entries a build's lock names, read on a background
 * thread while the build command runs, so that the SBOM need not read them again afterwards. The
 * entries are the runner's, outside anything the build can write, so nothing the command does
 * changes what is read. An entry that could not be read is absent here: the SBOM then reads it
 * itself, and reports what fails.
 */
public final class EntryHashes {

    private static final EntryHashes NONE = new EntryHashes(Optional.empty());

    private final Optional<Background<Map<Path, Map<String, String>>>> reading;

    private EntryHashes(Optional<Background<Map<Path, Map<String, String>>>> reading) {
        this.reading = reading;
    }

    /** Nothing read beforehand: the SBOM reads every entry itself. */
    public static EntryHashes none() {
        return NONE;
    }

    /** Starts reading every entry of {@code cache} that {@code dependencies} name. */
    public static EntryHashes inBackground(List<LockedDependency> dependencies, ContentCache cache) {
        return new EntryHashes(Optional.of(Background.start("the reading of the cache entries' hashes", () -> read(dependencies, cache))));
    }

    private static Map<Path, Map<String, String>> read(List<LockedDependency> dependencies, ContentCache cache) {
        Map<Path, Map<String, String>> read = new HashMap<>();
        for (LockedDependency d : dependencies) {
            Optional<CacheKey> key = CacheKey.of(d);
            try {
                if (key.isPresent() && cache.contains(key.get().algorithm(), key.get().hex())) {
                    Path entry = cache.entry(key.get().algorithm(), key.get().hex());
                    read.put(key(entry), FileHashes.computed(entry, d.where(), FileHashes.ALGORITHMS));
                }
            } catch (RuntimeException unreadable) {
                // left for the SBOM to read, and to report
            }
        }
        return read;
    }

    /** The hashes read of {@code file}, once the reading has ended (waiting for it); empty if it was not read. */
    Optional<Map<String, String>> of(Path file) {
        return reading.flatMap(r -> Optional.ofNullable(r.result().get(key(file))));
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
