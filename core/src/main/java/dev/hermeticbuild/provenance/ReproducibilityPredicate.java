package dev.hermeticbuild.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Our reproducibility result predicate ({@value StatementTypes#REPRODUCIBILITY_V1}): the verdict,
 * what was checked by whom, each variation, each output's digests and the explanation of any
 * difference. Optional parts are left out when absent; a digest that is unknown is written as null.
 *
 * @param status {@code reproducible}, {@code not-reproducible} or {@code build-failed}
 * @param normalization what normalization does, when it was applied
 * @param provenance the checked provenance, when one was named
 * @param rebuilder who ran the check, when named
 * @param checkedOn when the check finished (RFC 3339), when named
 * @param failure why the build failed, if it did
 * @param culprits the one-variation-at-a-time search, when it ran
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"status", "reproducible", "bitForBit", "normalized", "normalization", "invocation", "provenance",
        "rebuilder", "checkedOn", "failure", "variations", "culprits", "results", "diffoscopeReports"})
public record ReproducibilityPredicate(String status, boolean reproducible, boolean bitForBit, boolean normalized,
                                       String normalization, @JsonInclude(JsonInclude.Include.ALWAYS) String invocation,
                                       Checked provenance, Rebuilder rebuilder, String checkedOn, String failure,
                                       List<VariationOutcome> variations, Culprits culprits, List<Result> results,
                                       List<String> diffoscopeReports) implements Predicate {

    public ReproducibilityPredicate {
        variations = variations == null ? List.of() : variations;
        results = results == null ? List.of() : results;
        diffoscopeReports = diffoscopeReports == null ? List.of() : diffoscopeReports;
    }

    /** The provenance that was checked: how it is named and, when known, its digest. */
    @JsonPropertyOrder({"name", "digest"})
    public record Checked(String name, @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> digest) {
    }

    /** The machine that ran the check and the version of this tool on it. */
    @JsonPropertyOrder({"id", "version"})
    public record Rebuilder(String id, Map<String, String> version) {
    }

    /** One variation: its name, whether it was applied, and what it did or why not. */
    @JsonPropertyOrder({"name", "applied", "detail"})
    public record VariationOutcome(String name, boolean applied, String detail) {
    }

    /** The applied variations that alone cause a difference, and what the search did. */
    @JsonPropertyOrder({"variations", "search"})
    public record Culprits(@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> variations, String search) {
    }

    /**
     * One output compared: raw digests of both builds and, when normalized, the normalized ones.
     *
     * @param normalizedFirst present only when the check normalized (its value may be unknown)
     */
    @JsonPropertyOrder({"name", "reproducible", "first", "second", "normalizedFirst", "normalizedSecond", "explanation"})
    public record Result(String name, boolean reproducible, String first, String second,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Digest normalizedFirst,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Digest normalizedSecond, List<String> explanation) {
        public Result {
            explanation = explanation == null ? List.of() : explanation;
        }
    }

    /**
     * A digest written where one was expected, as null when it is unknown (an output one build
     * lacked). Read back, a JSON null stays a Digest of null, so a written result reads as written.
     */
    @JsonDeserialize(using = DigestReader.class)
    public record Digest(@JsonValue String sha256) {
    }

    /** Reads a {@link Digest} from a JSON string or null; anything else is refused. */
    static final class DigestReader extends StdDeserializer<Digest> {

        DigestReader() {
            super(Digest.class);
        }

        @Override
        public Digest deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Digest) ctxt.handleUnexpectedToken(Digest.class, p);
            }
            return new Digest(p.getText());
        }

        @Override
        public Digest getNullValue(DeserializationContext ctxt) {
            return new Digest(null);
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }
    }

    @Override
    public String predicateType() {
        return StatementTypes.REPRODUCIBILITY_V1;
    }
}
