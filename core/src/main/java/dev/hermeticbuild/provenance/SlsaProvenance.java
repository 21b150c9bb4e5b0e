package dev.hermeticbuild.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** The SLSA Provenance v1 predicate: how the build was defined and how it ran. */
@JsonPropertyOrder({"buildDefinition", "runDetails"})
public record SlsaProvenance(BuildDefinition buildDefinition, RunDetails runDetails) {

    /** What the build was asked to do (external), how the runner set it up (internal), and what went in. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"buildType", "externalParameters", "internalParameters", "resolvedDependencies"})
    public record BuildDefinition(String buildType, Map<String, Object> externalParameters,
                                  Map<String, Object> internalParameters, List<ResourceDescriptor> resolvedDependencies) {
    }

    /** Who ran the build, when, and what else it produced. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"builder", "metadata", "byproducts"})
    public record RunDetails(Builder builder, Metadata metadata, List<ResourceDescriptor> byproducts) {
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
}
