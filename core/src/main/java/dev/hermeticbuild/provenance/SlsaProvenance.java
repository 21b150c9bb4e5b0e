package dev.hermeticbuild.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SLSA Provenance v1 predicate: how the build was defined and how it ran. Read back, a part
 * the statement lacks is empty, never null; the free-form parameters are read with {@link Parameters}.
 */
@JsonPropertyOrder({"buildDefinition", "runDetails"})
public record SlsaProvenance(BuildDefinition buildDefinition, RunDetails runDetails) implements Predicate {

    public SlsaProvenance {
        buildDefinition = buildDefinition == null ? new BuildDefinition(null, null, null, null) : buildDefinition;
        runDetails = runDetails == null ? new RunDetails(null, null, null) : runDetails;
    }

    /** What the build was asked to do (external), how the runner set it up (internal), and what went in. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"buildType", "externalParameters", "internalParameters", "resolvedDependencies"})
    public record BuildDefinition(String buildType, Map<String, Object> externalParameters,
                                  Map<String, Object> internalParameters, List<ResourceDescriptor> resolvedDependencies) {
        public BuildDefinition {
            externalParameters = externalParameters == null ? Map.of() : externalParameters;
            internalParameters = internalParameters == null ? Map.of() : internalParameters;
            resolvedDependencies = resolvedDependencies == null ? List.of() : resolvedDependencies;
        }
    }

    /** Who ran the build, when, and what else it produced. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"builder", "metadata", "byproducts"})
    public record RunDetails(Builder builder, Metadata metadata, List<ResourceDescriptor> byproducts) {
        public RunDetails {
            byproducts = byproducts == null ? List.of() : byproducts;
        }
    }

    /** The builder's identity: the party the verifier trusts. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"id", "version", "builderDependencies"})
    public record Builder(String id, Map<String, String> version, List<ResourceDescriptor> builderDependencies) {
    }

    /** The invocation's id and its start and finish times (RFC 3339, UTC). */
    @JsonPropertyOrder({"invocationId", "startedOn", "finishedOn"})
    public record Metadata(String invocationId, String startedOn, String finishedOn) {
    }

    @Override
    public String predicateType() {
        return StatementTypes.SLSA_PROVENANCE_V1;
    }

    /** {@code runDetails.builder.id}. */
    public Optional<String> builderId() {
        return Optional.ofNullable(runDetails.builder()).map(Builder::id);
    }

    /** {@code runDetails.metadata.invocationId}. */
    public Optional<String> invocationId() {
        return metadata().map(Metadata::invocationId);
    }

    /** {@code runDetails.metadata.startedOn}. */
    public Optional<String> startedOn() {
        return metadata().map(Metadata::startedOn);
    }

    /** {@code runDetails.metadata.finishedOn}. */
    public Optional<String> finishedOn() {
        return metadata().map(Metadata::finishedOn);
    }

    /** The first resolved dependency named {@code name}. */
    public Optional<ResourceDescriptor> dependency(String name) {
        return buildDefinition.resolvedDependencies().stream().filter(d -> name.equals(d.name())).findFirst();
    }

    private Optional<Metadata> metadata() {
        return Optional.ofNullable(runDetails.metadata());
    }
}
