package dev.hermeticbuild.kubernetes;

import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: reads YAML into fabric8's Kubernetes model types and fails on any field the model
 * does not know (fabric8 keeps those in additionalProperties instead of rejecting them).
 */
final class KubernetesModel {

    private KubernetesModel() {
    }

    /** {@code yaml} as {@code type}, with every field known to the Kubernetes model. */
    static <T> T strict(String yaml, Class<T> type) {
        T value = Serialization.unmarshal(yaml, type);
        List<String> unknown = new ArrayList<>();
        walk(value, type.getSimpleName(), unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            fail("fields unknown to the Kubernetes model: " + unknown + "\n" + yaml);
        }
        return value;
    }

    private static void walk(Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, true) != null) {
            return;
        }
        if (value instanceof Collection<?> c) {
            int i = 0;
            for (Object item : c) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "." + k, unknown, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + " " + extra.keySet());
                }
                continue;
            }
            walk(child, path + "." + decapitalize(getter.getName().substring(3)), unknown, seen);
        }
    }

    private static String decapitalize(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
