package dev.hermeticbuild.report;

import dev.hermeticbuild.provenance.ProvenanceSummary;
import java.util.List;

/**
 * One build's standing at a glance, as a job's history lists it: whether every provenance it
 * recorded was measured hermetic, whether anything was signed, and how verification went.
 *
 * @param hermetic     at least one provenance, and every one measured hermetic
 * @param signed       at least one signature or attestation was made
 * @param verification {@code verified}, {@code failed} (any check failed) or {@code not verified}
 */
public record BuildStatus(boolean hermetic, boolean signed, String verification) {

    /** The status of a build with these provenances, this many bundles and these verification outcomes. */
    public static BuildStatus of(List<ProvenanceSummary> provenance, int bundles, List<Boolean> verificationsPassed) {
        boolean hermetic = !provenance.isEmpty() && provenance.stream().allMatch(ProvenanceSummary::hermetic);
        String verification = verificationsPassed.isEmpty() ? "not verified"
                : verificationsPassed.contains(Boolean.FALSE) ? "failed" : "verified";
        return new BuildStatus(hermetic, bundles > 0, verification);
    }
}
