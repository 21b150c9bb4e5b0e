package dev.hermeticbuild.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The fields of a SLSA Provenance v1 predicate that policy checks read, each empty when absent
 * or not of the expected type (a check that needs it then fails).
 */
public record ProvenanceFacts(Optional<String> builderId, Optional<String> sourceUri,
                              Optional<String> sourceCommit, Optional<String> tier,
                              Optional<Boolean> hermetic, Optional<Boolean> egressBlocked,
                              Optional<String> finishedOn, Optional<String> startedOn) {

    /** The predicate type the policy reads. */
    public static final String SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";

    /**
     * Reads the facts. The source URI is {@code externalParameters.source.repository} (the
     * canonical repository when the caller stated one, else the remote the checkout was fetched
     * from); for statements without it, the {@code uri} of the {@code resolvedDependencies} entry
     * named {@code source}. The commit is always that entry's {@code gitCommit}.
     */
    public static ProvenanceFacts of(JsonNode predicate) {
        JsonNode def = predicate.path("buildDefinition");
        JsonNode run = predicate.path("runDetails");
        JsonNode isolation = def.path("internalParameters").path("isolation");
        JsonNode source = null;
        for (JsonNode dep : def.path("resolvedDependencies")) {
            if ("source".equals(dep.path("name").textValue())) {
                source = dep;
                break;
            }
        }
        JsonNode src = source == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : source;
        return new ProvenanceFacts(
                text(run.path("builder").path("id")),
                text(def.path("externalParameters").path("source").path("repository")).or(() -> text(src.path("uri"))),
                text(src.path("digest").path("gitCommit")),
                text(def.path("externalParameters").path("tier")),
                bool(isolation.path("hermetic")),
                bool(isolation.path("egressBlocked")),
                text(run.path("metadata").path("finishedOn")),
                text(run.path("metadata").path("startedOn")));
    }

    private static Optional<String> text(JsonNode n) {
        return n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
    }

    private static Optional<Boolean> bool(JsonNode n) {
        return n.isBoolean() ? Optional.of(n.booleanValue()) : Optional.empty();
    }
}
