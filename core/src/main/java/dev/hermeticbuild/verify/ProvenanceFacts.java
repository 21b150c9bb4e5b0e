package dev.hermeticbuild.verify;

import dev.hermeticbuild.provenance.Parameters;
import dev.hermeticbuild.provenance.ResourceDescriptor;
import dev.hermeticbuild.provenance.SlsaProvenance;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a SLSA Provenance v1 predicate that policy checks read, each empty when absent
 * or not of the expected type (a check that needs it then fails).
 */
public record ProvenanceFacts(Optional<String> builderId, Optional<String> sourceUri,
                              Optional<String> sourceCommit, Optional<String> tier,
                              Optional<Boolean> hermetic, Optional<Boolean> egressBlocked,
                              Optional<String> finishedOn, Optional<String> startedOn) {

    /**
     * Reads the facts. The source URI is {@code externalParameters.source.repository} (the
     * canonical repository when the caller stated one, else the remote the checkout was fetched
     * from); for statements without it, the {@code uri} of the {@code resolvedDependencies} entry
     * named {@code source}. The commit is always that entry's {@code gitCommit}.
     */
    public static ProvenanceFacts of(SlsaProvenance predicate) {
        Map<String, Object> external = predicate.buildDefinition().externalParameters();
        Map<String, Object> internal = predicate.buildDefinition().internalParameters();
        Optional<ResourceDescriptor> source = predicate.dependency("source");
        return new ProvenanceFacts(
                predicate.builderId(),
                Parameters.text(external, "source", "repository").or(() -> source.map(ResourceDescriptor::uri)),
                source.map(ResourceDescriptor::digest).map(d -> d.get("gitCommit")),
                Parameters.text(external, "tier"),
                Parameters.bool(internal, "isolation", "hermetic"),
                Parameters.bool(internal, "isolation", "egressBlocked"),
                predicate.finishedOn(),
                predicate.startedOn());
    }

    /** {@code finishedOn}, else {@code startedOn}, as an instant; empty when neither is an RFC 3339 time. */
    public Optional<Instant> finished() {
        try {
            return finishedOn.or(() -> startedOn).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
