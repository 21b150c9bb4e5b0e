package dev.hermeticbuild.report;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.provenance.InTotoStatement;
import dev.hermeticbuild.provenance.ReproducibilityPredicate;
import dev.hermeticbuild.provenance.StatementTypes;
import dev.hermeticbuild.bundle.MalformedBundleException;
import java.util.List;
import java.util.Objects;

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
        InTotoStatement s = InTotoStatement.read(statement, file, InTotoStatement.Rules.RECORDED);
        if (!StatementTypes.REPRODUCIBILITY_V1.equals(s.predicateType())) {
            throw new InputException(file + " is not a reproducibility result (predicateType " + s.predicateType() + ")");
        }
        ReproducibilityPredicate p = predicate(s, file);
        List<Output> outputs = p.results().stream().map(r -> new Output(r.name(), r.reproducible(),
                Objects.requireNonNullElse(r.first(), ""), Objects.requireNonNullElse(r.second(), ""), r.explanation())).toList();
        List<String> variations = p.variations().stream()
                .map(v -> (v.applied() ? "" : "not applied: ") + v.name() + " (" + v.detail() + ")").toList();
        return new ReproducibilitySummary(file, p.status(), p.reproducible(), outputs, variations);
    }

    private static ReproducibilityPredicate predicate(InTotoStatement s, String file) {
        try {
            return s.reproducibility();
        } catch (MalformedBundleException e) {
            throw new InputException(file + " is not a valid reproducibility result: " + InTotoStatement.problem(e), e);
        }
    }
}
