package dev.hermeticbuild.image;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker's {@code manifest.json} in an OCI archive ({@code docker save} since Docker 25): what {@code docker load} reads
 * instead of {@code index.json}. Each image it lists must be one of the layout's verified manifests, its config and
 * layers in order; otherwise loading the archive would give an image other than the one its digests name.
 */
final class DockerManifest {

    static final String FILE = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private DockerManifest() {
    }

    /** Refuses {@code json} unless every image it lists is a manifest of {@code layout}; {@code described} names the archive. */
    static void check(byte[] json, OciLayout layout, String described) {
        JsonNode images;
        try {
            images = JSON.readTree(json);
        } catch (IOException e) {
            throw new InputException(described + ": " + FILE + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (images == null || !images.isArray()) {
            throw new InputException(described + ": " + FILE + " is not a JSON array of images");
        }
        for (int i = 0; i < images.size(); i++) {
            JsonNode image = images.get(i);
            String config = image.path("Config").asText("");
            List<String> layers = new ArrayList<>();
            image.path("Layers").forEach(l -> layers.add(l.asText("")));
            boolean known = layout.manifests().stream().anyMatch(m -> LayoutReader.blobPath(m.config().sha256()).equals(config)
                    && m.layers().stream().map(l -> LayoutReader.blobPath(l.sha256())).toList().equals(layers));
            if (!known) {
                throw new InputException(described + ": " + FILE + " [" + i + "] names config '" + Printable.escape(config)
                        + "' and " + layers.size() + " layer(s) that no manifest of index.json has: docker load would load an"
                        + " image other than the one the archive's digests name");
            }
        }
    }
}
