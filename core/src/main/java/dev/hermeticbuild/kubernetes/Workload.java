package dev.hermeticbuild.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.InputException;
import java.util.Map;
import java.util.Optional;

/**
 * A pod spec found in a manifest: a Pod's own spec, or the pod template of a Deployment,
 * StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or PodTemplate, with the JSON path to it.
 *
 * @param specPath JSON path of the pod spec inside the manifest, e.g. {@code spec.template.spec}
 * @param metadataPath JSON path of the pod's metadata (its labels select NetworkPolicies)
 */
public record Workload(Manifest manifest, String specPath, JsonNode podSpec, String metadataPath, JsonNode podMetadata) {

    private static final Map<String, String> POD_TEMPLATE_PATHS = Map.of(
            "Pod", "",
            "PodTemplate", "template",
            "Deployment", "spec.template",
            "StatefulSet", "spec.template",
            "DaemonSet", "spec.template",
            "ReplicaSet", "spec.template",
            "ReplicationController", "spec.template",
            "Job", "spec.template",
            "CronJob", "spec.jobTemplate.spec.template");

    /** The pod spec in {@code manifest}, or empty when its kind carries none. */
    public static Optional<Workload> of(Manifest manifest) {
        String base = POD_TEMPLATE_PATHS.get(manifest.kind());
        if (base == null) {
            return Optional.empty();
        }
        JsonNode template = manifest.node();
        for (String field : base.isEmpty() ? new String[0] : base.split("\\.")) {
            template = template.path(field);
        }
        String prefix = base.isEmpty() ? "" : base + ".";
        JsonNode spec = template.path("spec");
        if (!spec.isObject()) {
            throw new InputException(manifest.source() + ": " + manifest.kind() + " without a pod spec at " + prefix + "spec");
        }
        return Optional.of(new Workload(manifest, prefix + "spec", spec, prefix + "metadata", template.path("metadata")));
    }

    /** Whether this kind carries a pod spec that pod-lint checks. */
    public static boolean carriesPodSpec(String kind) {
        return POD_TEMPLATE_PATHS.containsKey(kind);
    }

    /** The namespace the pods run in: the manifest's own, or empty when not set. */
    public String namespace() {
        String own = podMetadata.path("namespace").asText("");
        return own.isEmpty() ? manifest.namespace() : own;
    }
}
