package dev.hermeticbuild.provenance;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** An in-toto Statement v1 whose predicate is SLSA Provenance v1. */
@JsonPropertyOrder({"_type", "subject", "predicateType", "predicate"})
public record Statement(@JsonProperty("_type") String type, List<ResourceDescriptor> subject, String predicateType,
                        SlsaProvenance predicate) {

    public static final String TYPE = "https://in-toto.io/Statement/v1";
    public static final String SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";

    public Statement {
        subject = List.copyOf(subject);
    }

    public static Statement slsa(List<ResourceDescriptor> subjects, SlsaProvenance predicate) {
        return new Statement(TYPE, subjects, SLSA_PROVENANCE_V1, predicate);
    }
}
