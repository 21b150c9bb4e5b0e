package dev.hermeticbuild.kubernetes;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads Kubernetes objects from YAML (one or more documents) or JSON, expanding {@code List}
 * kinds, and writes objects as multi-document YAML. Every error names the file and document.
 */
public final class KubernetesYaml {

    // A duplicated key (two securityContext blocks, say) is refused: readers disagree on which one wins.
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private KubernetesYaml() {
    }

    /** Every object in {@code file}, Lists expanded into their items (which must all be of one kind). */
    public static List<Manifest> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    /** Every object in {@code text}; {@code name} stands for the input in messages. */
    public static List<Manifest> parse(String name, String text) {
        List<JsonNode> documents = new ArrayList<>();
        String trimmed = text.stripLeading();
        try {
            if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
                documents.add(JSON.readTree(text));
            } else {
                try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
                    while (values.hasNextValue()) {
                        documents.add(values.nextValue());
                    }
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InputException(name + ": not valid YAML or JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new InputException(name + ": not valid YAML or JSON: " + e.getMessage(), e);
        }
        List<Manifest> manifests = new ArrayList<>();
        int index = 0;
        for (JsonNode document : documents) {
            index++;
            if (document == null || document.isNull() || document.isMissingNode()) {
                continue; // an empty document, e.g. after a trailing ---
            }
            String source = name + " document " + index;
            String kind = kindOf(document, source);
            if (kind.endsWith("List")) {
                manifests.addAll(items(document, source));
            } else {
                manifests.add(new Manifest(source, kind, document));
            }
        }
        if (manifests.isEmpty()) {
            throw new InputException(name + ": no Kubernetes object in it");
        }
        return manifests;
    }

    private static List<Manifest> items(JsonNode list, String source) {
        JsonNode items = list.path("items");
        if (!items.isArray()) {
            throw new InputException(source + ": a List without an items array");
        }
        Set<String> kinds = new LinkedHashSet<>();
        List<Manifest> manifests = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String itemSource = source + " items[" + i + "]";
            String kind = kindOf(items.get(i), itemSource);
            kinds.add(kind);
            manifests.add(new Manifest(itemSource, kind, items.get(i)));
        }
        if (kinds.size() > 1) {
            throw new InputException(source + ": a List with mixed kinds (" + String.join(", ", kinds)
                    + "); give one kind per List");
        }
        return manifests;
    }

    private static String kindOf(JsonNode document, String source) {
        if (!document.isObject()) {
            throw new InputException(source + ": not a Kubernetes object (expected a mapping with apiVersion and kind, found "
                    + document.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        JsonNode kind = document.path("kind");
        if (!kind.isTextual() || kind.asText().isBlank()) {
            throw new InputException(source + ": not a Kubernetes object (no kind)");
        }
        return kind.asText();
    }

    /** {@code objects} as YAML documents separated by {@code ---}. */
    public static String toYaml(List<? extends JsonNode> objects) {
        StringBuilder out = new StringBuilder();
        for (JsonNode object : objects) {
            if (!out.isEmpty()) {
                out.append("---\n");
            }
            try {
                out.append(YAML.writeValueAsString(object));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write YAML", e);
            }
        }
        return out.toString();
    }
}
