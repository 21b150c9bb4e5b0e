package dev.hermeticbuild.provenance;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the free-form parts of a predicate (a buildType's parameters, a descriptor's annotations)
 * by path: a value that is absent or of another type reads as empty, and a check that needs it fails.
 */
public final class Parameters {

    private Parameters() {
    }

    /** The value at {@code path} under {@code map}, descending through nested objects. */
    public static Optional<Object> value(Map<String, ?> map, String... path) {
        Object at = map;
        for (String key : path) {
            if (!(at instanceof Map<?, ?> m)) {
                return Optional.empty();
            }
            at = m.get(key);
        }
        return Optional.ofNullable(at);
    }

    public static Optional<String> text(Map<String, ?> map, String... path) {
        return value(map, path).filter(String.class::isInstance).map(String.class::cast);
    }

    public static Optional<Boolean> bool(Map<String, ?> map, String... path) {
        return value(map, path).filter(Boolean.class::isInstance).map(Boolean.class::cast);
    }

    /** An integral number (never a fraction or a numeric string). */
    public static Optional<Long> integer(Map<String, ?> map, String... path) {
        return value(map, path)
                .filter(v -> v instanceof Integer || v instanceof Long || v instanceof BigInteger)
                .map(v -> ((Number) v).longValue());
    }

    /** A nested object. */
    public static Optional<Map<String, Object>> object(Map<String, ?> map, String... path) {
        return value(map, path).filter(Map.class::isInstance).map(Parameters::fields);
    }

    /** {@code value}'s fields if it is an object (e.g. an array item), else none. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> fields(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    /** An array, if the value is one. */
    public static Optional<List<?>> list(Map<String, ?> map, String... path) {
        return value(map, path).filter(List.class::isInstance).map(v -> (List<?>) v);
    }

    /** An array's items as text (each scalar by its JSON text); absent: empty. */
    public static List<String> strings(Map<String, ?> map, String... path) {
        return list(map, path).orElse(List.of()).stream().map(String::valueOf).toList();
    }
}
