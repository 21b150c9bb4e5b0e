package dev.hermeticbuild.jenkins;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step return values as plain {@link LinkedHashMap}s and {@link ArrayList}s: serializable with
 * the Pipeline's program state and readable from a Jenkinsfile, unlike the JDK's immutable collections.
 */
final class Results {

    private Results() {
    }

    /** A map of alternating keys and values, in that order. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static <T> List<T> list(Collection<? extends T> items) {
        return new ArrayList<>(items);
    }
}
