package dev.hermeticbuild.sbom;

import dev.hermeticbuild.cache.ContentCache;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the SBOM says about the build besides its components: when (the source's time, so the
 * same inputs give the same bytes), from which commit and repository, on which agent image, and
 * where the bytes it hashes are (the directory the outputs were collected to, the verified cache).
 *
 * @param sourceDateEpoch the build's SOURCE_DATE_EPOCH, the SBOM's timestamp
 * @param commit the source commit (recorded in properties and the vcs reference, never as a version)
 * @param repository the source repository URL, credential-free, when known
 * @param outputs the directory {@code Artifact} paths are relative to, when the outputs are there to hash
 * @param cache the dependency cache whose verified entries are hashed, when the build used one
 * @param image the agent image ({@code name@sha256:HEX} or {@code sha256:HEX}) the build ran in, when known
 * @param entryHashes the cache entries' hashes read while the build ran, taken instead of reading the entries again
 */
public record SbomContext(long sourceDateEpoch, Optional<String> commit, Optional<String> repository, Optional<Path> outputs,
                          Optional<ContentCache> cache, Optional<String> image, EntryHashes entryHashes) {

    /** A context whose cache entries the SBOM reads itself. */
    public SbomContext(long sourceDateEpoch, Optional<String> commit, Optional<String> repository, Optional<Path> outputs,
                       Optional<ContentCache> cache, Optional<String> image) {
        this(sourceDateEpoch, commit, repository, outputs, cache, image, EntryHashes.none());
    }

    /** A context with only a timestamp: no commit, repository, bytes or image. */
    public static SbomContext at(long sourceDateEpoch) {
        return new SbomContext(sourceDateEpoch, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
