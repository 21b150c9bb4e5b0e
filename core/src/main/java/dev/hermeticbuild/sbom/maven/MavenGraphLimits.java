package dev.hermeticbuild.sbom.maven;

/**
 * Bounds on what one resolution may walk, so that attacker-influenced POMs cannot make it run away.
 * Past a bound the resolution is refused with a {@link MavenGraphException} naming the artifact.
 *
 * @param maxDependencies dependency nodes the collector may select in total (every occurrence counts, losers included)
 * @param maxDepth how deep below the project a dependency may sit
 * @param maxParents how many parent POMs one POM's lineage may have
 * @param stackBytes the stack of the thread that runs the resolution (import chains recurse)
 */
public record MavenGraphLimits(int maxDependencies, int maxDepth, int maxParents, long stackBytes) {

    /** Well above real projects (a 1,400-file Apache build has a few hundred nodes and depth under 15). */
    public static final MavenGraphLimits DEFAULT = new MavenGraphLimits(50_000, 64, 32, 16L << 20);

    public MavenGraphLimits {
        if (maxDependencies < 1 || maxDepth < 1 || maxParents < 1 || stackBytes < 1 << 20) {
            throw new IllegalArgumentException("limits must be positive (stack at least 1 MiB)");
        }
    }
}
