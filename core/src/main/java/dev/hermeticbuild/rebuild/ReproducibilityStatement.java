package dev.hermeticbuild.rebuild;

import dev.hermeticbuild.BuildInfo;
import dev.hermeticbuild.provenance.ProvenanceJson;
import dev.hermeticbuild.provenance.ReproducibilityPredicate;
import dev.hermeticbuild.provenance.ResourceDescriptor;
import dev.hermeticbuild.provenance.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A reproducibility result as an in-toto Statement v1 (predicateType
 * {@code https://hermetic-build.dev/reproducibility/v1}), over the checked build's outputs as built: which provenance was
 * checked (by digest), by which rebuilder and when, what varied, what matched, which variation
 * caused a difference, and, when outputs were normalized, both the raw and the normalized
 * digests (in the spirit of OSS Rebuild's equivalence attestation: the subject is always the
 * real artifact; normalized digests are byproducts, never subjects). Signed like any statement.
 */
public final class ReproducibilityStatement {

    /** What normalization does, said in the statement whenever it was applied. */
    public static final String NORMALIZATION = "zip/jar entries sorted (manifest first) with one fixed time and no extra"
            + " fields; tar entries sorted with a fixed time and owner 0:0 without names; gzip headers without time or"
            + " file name; file contents never changed";

    /**
     * Who checked what, and when.
     *
     * @param provenanceName how the checked provenance is named (its file, or the first build's provenance)
     * @param provenanceSha256 the sha256 of the checked provenance's bytes; empty when none was checked
     * @param rebuilderId the builder id of the machine that ran the check
     * @param checkedOn when the check finished
     */
    public record Context(String provenanceName, Optional<String> provenanceSha256, String rebuilderId, Instant checkedOn) {
    }

    private ReproducibilityStatement() {
    }

    /** A statement without a named provenance or rebuilder (tests and reports of old results). */
    public static byte[] of(ReproducibilityReport report, String invocation) {
        return of(report, invocation, Optional.empty());
    }

    public static byte[] of(ReproducibilityReport report, String invocation, Context context) {
        return of(report, invocation, Optional.of(context));
    }

    private static byte[] of(ReproducibilityReport report, String invocation, Optional<Context> context) {
        List<ResourceDescriptor> subjects = report.subjects().stream().filter(s -> s.rawFirstSha256() != null)
                .map(s -> ResourceDescriptor.subject(s.path(), s.rawFirstSha256())).toList();
        boolean reproducible = report.status() == ReproducibilityReport.Status.REPRODUCIBLE;
        var predicate = new ReproducibilityPredicate(
                report.status().name().toLowerCase(Locale.ROOT).replace('_', '-'), reproducible,
                reproducible && report.subjects().stream().allMatch(ReproducibilityReport.SubjectResult::bitForBit),
                report.normalized(), report.normalized() ? NORMALIZATION : null, invocation,
                context.map(c -> new ReproducibilityPredicate.Checked(c.provenanceName(),
                        c.provenanceSha256().map(d -> Map.of("sha256", d)).orElse(null))).orElse(null),
                context.map(c -> new ReproducibilityPredicate.Rebuilder(c.rebuilderId(),
                        Map.of("hermetic-build", BuildInfo.version()))).orElse(null),
                context.map(c -> c.checkedOn().truncatedTo(ChronoUnit.MILLIS).toString()).orElse(null),
                report.failure(),
                report.variations().stream().map(v -> new ReproducibilityPredicate.VariationOutcome(
                        v.variation().cliName(), v.applied(), v.detail())).toList(),
                report.culpritSearch().isEmpty() ? null : new ReproducibilityPredicate.Culprits(
                        report.culprits().stream().map(Variation::cliName).toList(), report.culpritSearch()),
                report.subjects().stream().map(s -> result(s, report.normalized())).toList(),
                report.diffoscopeReports());
        return ProvenanceJson.toBytes(Statement.of(subjects, predicate));
    }

    private static ReproducibilityPredicate.Result result(ReproducibilityReport.SubjectResult s, boolean normalized) {
        return new ReproducibilityPredicate.Result(s.path(), s.reproducible(), s.rawFirstSha256(), s.rawSecondSha256(),
                normalized ? new ReproducibilityPredicate.Digest(s.firstSha256()) : null,
                normalized ? new ReproducibilityPredicate.Digest(s.secondSha256()) : null, s.explanation());
    }
}
