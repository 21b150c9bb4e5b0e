package dev.hermeticbuild.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The service-level indicators of builds over a time window, computed from the provenance store
 * by {@link SliCalculator}. Ratios are empty when nothing in the window could measure them.
 *
 * @param from                 start of the window (inclusive)
 * @param to                   end of the window
 * @param builds               build records in the window
 * @param verified             builds whose bundle verified at put time
 * @param failed               builds whose bundle failed verification (recorded with --allow-unverified)
 * @param unverified           builds recorded without a trusted key
 * @param unsigned             builds recorded without any signature
 * @param withSbom             builds recorded with an SBOM
 * @param sbomComponents       components over all those SBOMs
 * @param sbomComplete         of which have both a purl and a hash
 * @param rebuiltSubjects      artifacts with at least one rebuild record
 * @param reproducibleSubjects of which the latest rebuild was bit-for-bit equal
 * @param rebuiltTwice         artifacts rebuilt at least twice
 * @param flakySubjects        of which the rebuilds disagree (some equal, some not)
 * @param cacheHits            locked inputs served from the dependency cache
 * @param cacheMisses          locked inputs the cache lacked
 * @param leadTimes            build durations (finishedOn - startedOn), ascending
 * @param verifyLatencies      verification times at put, ascending
 * @param deployChecks         verification records: artifacts and images checked where they were to run
 * @param deployChecksPassed   of which the policy let run
 * @param refusalReasons       the refused checks' reason codes, each with how many refusals gave it
 */
public record Slis(Instant from, Instant to, int builds, int verified, int failed, int unverified, int unsigned,
                   int withSbom, long sbomComponents, long sbomComplete, int rebuiltSubjects,
                   int reproducibleSubjects, int rebuiltTwice, int flakySubjects, long cacheHits,
                   long cacheMisses, List<Duration> leadTimes, List<Duration> verifyLatencies,
                   int deployChecks, int deployChecksPassed, java.util.SortedMap<String, Integer> refusalReasons) {

    public Slis {
        leadTimes = List.copyOf(leadTimes);
        verifyLatencies = List.copyOf(verifyLatencies);
        refusalReasons = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(refusalReasons));
    }

    /** Deploy-time checks the policy let run, over all deploy-time checks (the seed's artifact-verification pass rate). */
    public OptionalDouble deployVerificationPassRate() {
        return ratio(deployChecksPassed, deployChecks);
    }

    /** Builds with signed provenance that verified, over all builds. */
    public OptionalDouble provenanceCoverage() {
        return ratio(verified, builds);
    }

    /** Builds recorded with an SBOM, over all builds. */
    public OptionalDouble sbomCoverage() {
        return ratio(withSbom, builds);
    }

    /** SBOM components with both a purl and a hash, over all SBOM components. */
    public OptionalDouble sbomCompleteness() {
        return ratio(sbomComplete, sbomComponents);
    }

    /** Bundles that verified, over bundles that were verified at all (passed + failed). */
    public OptionalDouble verificationPassRate() {
        return ratio(verified, verified + failed);
    }

    /** Rebuilt artifacts whose latest rebuild was identical, over rebuilt artifacts. */
    public OptionalDouble reproducibleRate() {
        return ratio(reproducibleSubjects, rebuiltSubjects);
    }

    /** Artifacts whose rebuilds disagree, over artifacts rebuilt at least twice. */
    public OptionalDouble flakiness() {
        return ratio(flakySubjects, rebuiltTwice);
    }

    /** Cache hits over locked inputs looked up. */
    public OptionalDouble cacheHitRate() {
        return ratio(cacheHits, cacheHits + cacheMisses);
    }

    /** The {@code q} quantile (0 &lt; q ≤ 1, nearest rank) of build lead time. */
    public java.util.Optional<Duration> leadTime(double q) {
        return quantile(leadTimes, q);
    }

    /** Nearest-rank quantile of an ascending list. */
    public static java.util.Optional<Duration> quantile(List<Duration> ascending, double q) {
        if (ascending.isEmpty()) {
            return java.util.Optional.empty();
        }
        int rank = (int) Math.ceil(q * ascending.size());
        return java.util.Optional.of(ascending.get(Math.max(0, Math.min(ascending.size(), rank) - 1)));
    }

    private static OptionalDouble ratio(long part, long whole) {
        return whole == 0 ? OptionalDouble.empty() : OptionalDouble.of(part / (double) whole);
    }
}
