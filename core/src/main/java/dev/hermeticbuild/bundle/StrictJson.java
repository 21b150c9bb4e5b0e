package dev.hermeticbuild.bundle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Strict JSON for signed material: duplicate keys, trailing content and oversized files are
 * errors, and every accessor names the JSON path it was asked for, so a rejection can say
 * exactly which value was wrong.
 */
public final class StrictJson {

    /** Largest bundle or statement file read: 16 MiB. Larger files are refused unread. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).build());
    }

    private StrictJson() {
    }

    /** The shared mapper (strict on read; compact, key order preserved on write). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Reads a whole file of at most {@link #MAX_FILE_BYTES}; the size is checked before reading,
     * and again while reading in case the file grows.
     *
     * @param what how the file is named in errors, e.g. "bundle"
     */
    public static byte[] readCapped(Path file, String what) {
        try {
            if (!Files.exists(file)) {
                throw new InputException(what + " " + file + ": no such file");
            }
            if (!Files.isRegularFile(file)) {
                throw new InputException(what + " " + file + ": not a regular file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new MalformedBundleException("$", what + " " + file + " is " + size
                        + " bytes, over the limit of " + MAX_FILE_BYTES + " bytes");
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
                if (bytes.length > MAX_FILE_BYTES) {
                    throw new MalformedBundleException("$", what + " " + file
                            + " grew over the limit of " + MAX_FILE_BYTES + " bytes while read");
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new InputException(what + " " + file + ": no such file");
        } catch (IOException e) {
            throw new InputException(what + " " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Parses one JSON value; {@code path} names where these bytes sit (e.g. "$" for a bundle
     * file, "$.dsseEnvelope.payload" for a payload).
     */
    public static JsonNode parse(byte[] json, String path) {
        if (json.length == 0) {
            throw new MalformedBundleException(path, "empty document");
        }
        try (JsonParser parser = MAPPER.createParser(json)) {
            try {
                JsonNode node = MAPPER.readTree(parser);
                if (node == null || node.isMissingNode()) {
                    throw new MalformedBundleException(path, "empty document");
                }
                return node;
            } catch (JsonProcessingException e) {
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                throw new MalformedBundleException(path + (pointer.isEmpty() ? "" : " at " + pointer),
                        e.getOriginalMessage());
            }
        } catch (IOException e) {
            throw new MalformedBundleException(path, "unreadable JSON (" + e.getMessage() + ")");
        }
    }

    /** Serialises a tree compactly, fields in insertion order. */
    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    /** The object at {@code path}, or an error naming it. */
    public static JsonNode object(JsonNode node, String path) {
        return expect(node, path, JsonNodeType.OBJECT, "an object");
    }

    /** Field {@code name} of {@code parent} (at {@code path}) that must be a non-empty string. */
    public static String text(JsonNode parent, String path, String name) {
        JsonNode v = expect(parent.get(name), path + "." + name, JsonNodeType.STRING, "a string");
        if (v.textValue().isEmpty()) {
            throw new MalformedBundleException(path + "." + name, "empty string");
        }
        return v.textValue();
    }

    /** Field {@code name} that must be a string, possibly empty. */
    public static String textOrEmpty(JsonNode parent, String path, String name) {
        return expect(parent.get(name), path + "." + name, JsonNodeType.STRING, "a string").textValue();
    }

    /** Optional string field: null when absent; an error when present but not a string. */
    public static String optionalText(JsonNode parent, String path, String name) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        return expect(v, path + "." + name, JsonNodeType.STRING, "a string").textValue();
    }

    /** Field {@code name} that must be an object. */
    public static JsonNode child(JsonNode parent, String path, String name) {
        return expect(parent.get(name), path + "." + name, JsonNodeType.OBJECT, "an object");
    }

    /** Field {@code name} that must be an array. */
    public static JsonNode array(JsonNode parent, String path, String name) {
        return expect(parent.get(name), path + "." + name, JsonNodeType.ARRAY, "an array");
    }

    private static JsonNode expect(JsonNode v, String path, JsonNodeType type, String what) {
        if (v == null || v.isMissingNode()) {
            throw new MalformedBundleException(path, "missing");
        }
        if (v.getNodeType() != type) {
            throw new MalformedBundleException(path, "must be " + what + ", found "
                    + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return v;
    }
}
