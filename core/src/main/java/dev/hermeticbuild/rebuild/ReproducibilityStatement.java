package dev.hermeticbuild.rebuild;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.provenance.ProvenanceJson;
import java.io.IOException;

/**
 * A reproducibility result as an in-toto Statement v1 (predicateType
 * {@value #PREDICATE_TYPE}), over the first build's outputs: what was compared, what varied,
 * what matched, and why not. Signed like any statement; kept in the store.
 */
public final class ReproducibilityStatement {

    public static final String PREDICATE_TYPE = "https://hermetic-build.dev/reproducibility/v1";

    private ReproducibilityStatement() {
    }

    public static byte[] of(ReproducibilityReport report, String invocation) {
        var mapper = ProvenanceJson.mapper();
        ObjectNode statement = mapper.createObjectNode();
        statement.put("_type", "https://in-toto.io/Statement/v1");
        ArrayNode subjects = statement.putArray("subject");
        for (var s : report.subjects()) {
            if (s.firstSha256() != null) {
                subjects.addObject().put("name", s.path()).putObject("digest").put("sha256", s.firstSha256());
            }
        }
        statement.put("predicateType", PREDICATE_TYPE);
        ObjectNode predicate = statement.putObject("predicate");
        predicate.put("status", report.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        predicate.put("reproducible", report.status() == ReproducibilityReport.Status.REPRODUCIBLE);
        predicate.put("invocation", invocation);
        if (report.failure() != null) {
            predicate.put("failure", report.failure());
        }
        ArrayNode variations = predicate.putArray("variations");
        for (var v : report.variations()) {
            variations.addObject().put("name", v.variation().cliName()).put("applied", v.applied()).put("detail", v.detail());
        }
        ArrayNode results = predicate.putArray("results");
        for (var s : report.subjects()) {
            ObjectNode r = results.addObject().put("name", s.path()).put("reproducible", s.reproducible());
            r.put("first", s.firstSha256());
            r.put("second", s.secondSha256());
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
