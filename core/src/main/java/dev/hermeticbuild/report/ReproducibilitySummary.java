package dev.hermeticbuild.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.provenance.ProvenanceJson;
import dev.hermeticbuild.rebuild.ReproducibilityStatement;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a build page shows of a reproducibility result: the verdict, each output with both
 * digests and the explanation of any difference, and each variation (applied or not).
 */
public record ReproducibilitySummary(String file, String status, boolean reproducible, List<Output> outputs, List<String> variations) {

    /** One output compared across the two builds. */
    public record Output(String name, boolean reproducible, String first, String second, List<String> explanation) {
    }

    public ReproducibilitySummary {
        outputs = List.copyOf(outputs);
        variations = List.copyOf(variations);
    }

    public static ReproducibilitySummary of(byte[] statement, String file) {
        JsonNode s;
        try {
            s = ProvenanceJson.mapper().readTree(statement);
        } catch (IOException e) {
            throw new InputException(file + " is not JSON: " + e.getMessage(), e);
        }
        if (!ReproducibilityStatement.PREDICATE_TYPE.equals(s.path("predicateType").asText())) {
            throw new InputException(file + " is not a reproducibility result (predicateType " + s.path("predicateType").asText() + ")");
        }
        JsonNode p = s.path("predicate");
        List<Output> outputs = new ArrayList<>();
        for (JsonNode r : p.path("results")) {
            List<String> why = new ArrayList<>();
            r.path("explanation").forEach(l -> why.add(l.asText()));
            outputs.add(new Output(r.path("name").asText(), r.path("reproducible").asBoolean(), r.path("first").asText(""),
                    r.path("second").asText(""), why));
        }
        List<String> variations = new ArrayList<>();
        for (JsonNode v : p.path("variations")) {
            variations.add((v.path("applied").asBoolean() ? "" : "not applied: ") + v.path("name").asText() + " (" + v.path("detail").asText() + ")");
        }
        return new ReproducibilitySummary(file, p.path("status").asText(), p.path("reproducible").asBoolean(), outputs, variations);
    }
}
