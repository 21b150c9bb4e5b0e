package dev.hermeticbuild.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Kubernetes object read from a file, with where it came from ({@code pod.yaml document 2},
 * {@code list.json document 1 items[3]}) for messages.
 */
public record Manifest(String source, String kind, JsonNode node) {

    /** {@code metadata.name}, or empty when the object has none (a pod template usually has none). */
    public String name() {
        return node.path("metadata").path("name").asText("");
    }

    /** {@code metadata.namespace}, or empty when not set. */
    public String namespace() {
        return node.path("metadata").path("namespace").asText("");
    }

    /** {@code Kind/name}, or {@code Kind (source)} for an unnamed object. */
    public String label() {
        return name().isEmpty() ? kind + " (" + source + ")" : kind + "/" + name();
    }
}
