package dev.hermeticbuild.provenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.hermeticbuild.bundle.MalformedBundleException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * Binds a predicate's JSON tree to its record: a value of the wrong JSON type is refused (no
 * coercion of numbers to strings or strings to booleans) with the JSON path of the value; fields
 * the record does not name are ignored, as in-toto asks of consumers.
 */
final class PredicateReader {

    private static final ObjectMapper MAPPER = strictMapper();

    private PredicateReader() {
    }

    /** {@code node}, which sits at JSON path {@code path}, as a {@code type}. */
    static <T> T read(JsonNode node, Class<T> type, String path) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonMappingException e) {
            throw new MalformedBundleException(path + pathOf(e), problem(e, node));
        } catch (JsonProcessingException e) {
            throw new MalformedBundleException(path, e.getOriginalMessage());
        }
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        for (CoercionInputShape shape : new CoercionInputShape[] {
                CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder at = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            at.append(r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]");
        }
        return at.toString();
    }

    private static String problem(JsonMappingException e, JsonNode root) {
        if (!(e instanceof MismatchedInputException m) || m.getTargetType() == null) {
            return e.getOriginalMessage();
        }
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            pointer.append('/').append(r.getFieldName() != null
                    ? r.getFieldName().replace("~", "~0").replace("/", "~1") : String.valueOf(r.getIndex()));
        }
        JsonNode found = root.at(pointer.toString());
        return "must be " + expected(m.getTargetType()) + ", found " + found.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "a boolean";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "an object" : "a " + type.getSimpleName();
    }
}
