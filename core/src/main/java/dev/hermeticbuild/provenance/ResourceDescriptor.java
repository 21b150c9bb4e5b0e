package dev.hermeticbuild.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * in-toto ResourceDescriptor v1: a subject, a resolved dependency or a byproduct. Empty fields
 * are omitted from JSON, as the spec asks; read back, an absent digest or annotation map is empty.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "uri", "digest", "mediaType", "annotations"})
public record ResourceDescriptor(String name, String uri, Map<String, String> digest, String mediaType,
                                 Map<String, Object> annotations) {

    public ResourceDescriptor {
        digest = digest == null ? Map.of() : digest;
        annotations = annotations == null ? Map.of() : annotations;
    }

    public static ResourceDescriptor subject(String name, String sha256) {
        return new ResourceDescriptor(name, null, Map.of("sha256", sha256), null, null);
    }
}
