package dev.hermeticbuild.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Kubernetes label selector matching ({@code matchLabels} and {@code matchExpressions}) over JSON trees. */
final class LabelSelector {

    private LabelSelector() {
    }

    /** Whether {@code selector} selects an object with {@code labels}; an empty selector selects everything. */
    static boolean matches(JsonNode selector, JsonNode labels) {
        for (Map.Entry<String, JsonNode> e : selector.path("matchLabels").properties()) {
            if (!labels.path(e.getKey()).isValueNode() || !labels.path(e.getKey()).asText().equals(e.getValue().asText())) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            Set<String> values = new HashSet<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean has = labels.has(key);
            String value = labels.path(key).asText();
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> has && values.contains(value);
                case "NotIn" -> !has || !values.contains(value);
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code selector} is present and empty, i.e. selects every object. */
    static boolean selectsAll(JsonNode selector) {
        return selector.isObject() && selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty();
    }
}
