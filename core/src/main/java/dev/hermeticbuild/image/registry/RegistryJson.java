package dev.hermeticbuild.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.Printable;
import dev.hermeticbuild.bundle.StrictJson;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Strict reading and deterministic writing of the registry's JSON documents (indexes, descriptors). */
final class RegistryJson {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private RegistryJson() {
    }

    /** Parses {@code bytes} as one JSON object; {@code what} names the document in errors. */
    static JsonNode object(byte[] bytes, String what) {
        JsonNode node;
        try {
            node = StrictJson.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new RegistryException(what + " is not valid JSON: " + Printable.escape(firstLine(e.getMessage())));
        }
        if (node == null || !node.isObject()) {
            throw new RegistryException(what + " is not a JSON object");
        }
        return node;
    }

    /** A descriptor's digest, refused unless {@code sha256:} and 64 lower-case hex digits; returns the hex. */
    static String sha256(JsonNode descriptor, String where) {
        String digest = text(descriptor, "digest", where);
        if (!DIGEST.matcher(digest).matches()) {
            throw new RegistryException(where + ".digest '" + Printable.escape(digest) + "' is not a sha256 digest");
        }
        return digest.substring("sha256:".length());
    }

    static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new RegistryException(where + "." + field + " is missing or not a string");
        }
        return v.asText();
    }

    static long size(JsonNode descriptor, String where) {
        JsonNode v = descriptor.get("size");
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
            throw new RegistryException(where + ".size is missing or not a non-negative integer");
        }
        return v.asLong();
    }

    static Map<String, String> annotations(JsonNode node, String where) {
        JsonNode a = node.get("annotations");
        Map<String, String> out = new LinkedHashMap<>();
        if (a == null || a.isNull()) {
            return out;
        }
        if (!a.isObject()) {
            throw new RegistryException(where + ".annotations is not an object");
        }
        a.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new RegistryException(where + ".annotations." + Printable.escape(e.getKey()) + " is not a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }

    /** A descriptor object {@code {mediaType, digest, size}}. */
    static ObjectNode descriptor(String mediaType, String sha256, long size) {
        ObjectNode d = StrictJson.mapper().createObjectNode();
        d.put("mediaType", mediaType);
        d.put("digest", "sha256:" + sha256);
        d.put("size", size);
        return d;
    }

    /** Compact JSON bytes of {@code node}, keys in insertion order: the same document gives the same digest. */
    static byte[] bytes(JsonNode node) {
        try {
            return StrictJson.mapper().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
