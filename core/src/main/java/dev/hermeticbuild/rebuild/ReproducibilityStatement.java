package dev.hermeticbuild.rebuild;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.BuildInfo;
import dev.hermeticbuild.provenance.ProvenanceJson;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * A reproducibility result as an in-toto Statement v1 (predicateType
 * {@value #PREDICATE_TYPE}), over the checked build's outputs as built: which provenance was
 * checked (by digest), by which rebuilder and when, what varied, what matched, which variation
 * caused a difference, and, when outputs were normalized, both the raw and the normalized
 * digests (in the spirit of OSS Rebuild's equivalence attestation: the subject is always the
 * real artifact; normalized digests are byproducts, never subjects). Signed like any statement.
 */
public final class ReproducibilityStatement {

    public static final String PREDICATE_TYPE = "https://hermetic-build.dev/reproducibility/v1";

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
        var mapper = ProvenanceJson.mapper();
        ObjectNode statement = mapper.createObjectNode();
        statement.put("_type", "https://in-toto.io/Statement/v1");
        ArrayNode subjects = statement.putArray("subject");
        for (var s : report.subjects()) {
            if (s.rawFirstSha256() != null) {
                subjects.addObject().put("name", s.path()).putObject("digest").put("sha256", s.rawFirstSha256());
            }
        }
        statement.put("predicateType", PREDICATE_TYPE);
        ObjectNode predicate = statement.putObject("predicate");
        predicate.put("status", report.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        predicate.put("reproducible", report.status() == ReproducibilityReport.Status.REPRODUCIBLE);
        predicate.put("bitForBit", report.status() == ReproducibilityReport.Status.REPRODUCIBLE
                && report.subjects().stream().allMatch(ReproducibilityReport.SubjectResult::bitForBit));
        predicate.put("normalized", report.normalized());
        if (report.normalized()) {
            predicate.put("normalization", NORMALIZATION);
        }
        predicate.put("invocation", invocation);
        context.ifPresent(c -> {
            ObjectNode checked = predicate.putObject("provenance");
            checked.put("name", c.provenanceName());
            c.provenanceSha256().ifPresent(d -> checked.putObject("digest").put("sha256", d));
            ObjectNode rebuilder = predicate.putObject("rebuilder");
            rebuilder.put("id", c.rebuilderId());
            rebuilder.putObject("version").put("hermetic-build", BuildInfo.version());
            predicate.put("checkedOn", c.checkedOn().truncatedTo(ChronoUnit.MILLIS).toString());
        });
        if (report.failure() != null) {
            predicate.put("failure", report.failure());
        }
        ArrayNode variations = predicate.putArray("variations");
        for (var v : report.variations()) {
            variations.addObject().put("name", v.variation().cliName()).put("applied", v.applied()).put("detail", v.detail());
        }
        if (!report.culpritSearch().isEmpty()) {
            ObjectNode search = predicate.putObject("culprits");
            report.culprits().forEach(v -> search.withArray("variations").add(v.cliName()));
            search.put("search", report.culpritSearch());
        }
        ArrayNode results = predicate.putArray("results");
        for (var s : report.subjects()) {
            ObjectNode r = results.addObject().put("name", s.path()).put("reproducible", s.reproducible());
            r.put("first", s.rawFirstSha256());
            r.put("second", s.rawSecondSha256());
            if (report.normalized()) {
                r.put("normalizedFirst", s.firstSha256());
                r.put("normalizedSecond", s.secondSha256());
            }
            ArrayNode why = r.putArray("explanation");
            s.explanation().forEach(why::add);
        }
        ArrayNode reports = predicate.putArray("diffoscopeReports");
        report.diffoscopeReports().forEach(reports::add);
        try {
            return mapper.writeValueAsBytes(statement);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
