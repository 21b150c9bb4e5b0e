package dev.hermeticbuild.provenance;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** An in-toto Statement v1 as written: subjects and a typed predicate. */
@JsonPropertyOrder({"_type", "subject", "predicateType", "predicate"})
public record Statement<P extends Predicate>(@JsonProperty("_type") String type, List<ResourceDescriptor> subject,
                                             String predicateType, P predicate) {

    public Statement {
        subject = List.copyOf(subject);
    }

    /** The statement of {@code predicate} over {@code subjects}. */
    public static <P extends Predicate> Statement<P> of(List<ResourceDescriptor> subjects, P predicate) {
        return new Statement<>(StatementTypes.STATEMENT_V1, subjects, predicate.predicateType(), predicate);
    }

    public static Statement<SlsaProvenance> slsa(List<ResourceDescriptor> subjects, SlsaProvenance predicate) {
        return of(subjects, predicate);
    }
}
