package dev.hermeticbuild.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Several windows in one exposition: each family declared once, every sample labelled with its window. */
class PrometheusTextTest {

    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void severalWindowsShareOneDeclarationPerFamily() {
        Slis hour = new Slis(T, T.plusSeconds(3600), 10, 8, 2, 0, 0, 10, 4, 4, 3, 2, 0, 0, 9, 1,
                List.of(Duration.ofMillis(340)), List.of(), 20, 19, new java.util.TreeMap<>(java.util.Map.of("builder-id", 1)));
        Slis empty = new Slis(T, T.plusSeconds(300), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of(), 0, 0, new java.util.TreeMap<>());
        String text = PrometheusText.render(List.of(new PrometheusText.Window("1h", hour), new PrometheusText.Window("5m", empty)));
        Matcher types = Pattern.compile("(?m)^# TYPE (\\S+) ").matcher(text);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (types.find()) {
            assertTrue(seen.add(types.group(1)), "declared twice: " + types.group(1));
        }
        assertTrue(text.contains("hermetic_builds{window=\"1h\"} 10\nhermetic_builds{window=\"5m\"} 0\n"), text);
        assertTrue(text.contains("hermetic_builds_by_signature{window=\"1h\",status=\"failed\"} 2\n"), text);
        assertTrue(text.contains("hermetic_deploy_verifications{window=\"1h\",result=\"passed\"} 19\n"
                + "hermetic_deploy_verifications{window=\"1h\",result=\"refused\"} 1\n"), text);
        assertTrue(text.contains("hermetic_deploy_refusals{window=\"1h\",reason=\"builder-id\"} 1\n"), text);
        assertTrue(text.contains("hermetic_verification_pass_ratio{window=\"1h\"} 0.8\n"), text);
        assertTrue(text.contains("# hermetic_verification_pass_ratio not reported: no bundle was verified in the window 5m\n"), text);
        assertTrue(text.contains("hermetic_cache_lookups{window=\"1h\",result=\"miss\"} 1\n"), text);
        assertTrue(text.contains("hermetic_rebuilt_artifacts{window=\"1h\"} 3\n"), text);
        assertTrue(text.contains("hermetic_reproducible_build_ratio{window=\"1h\"} 0.666667\n"), text);
        assertTrue(text.contains("hermetic_build_lead_time_seconds{window=\"1h\",quantile=\"0.5\"} 0.34\n"), text);
        assertTrue(text.contains("hermetic_build_lead_time_seconds_count{window=\"5m\"} 0\n"), text);
        assertEquals(-1, text.indexOf("NaN"), text);
    }
}
