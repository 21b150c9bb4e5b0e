package dev.hermeticbuild.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard {@code ops/grafana/hermetic.json}: it parses, has the three views, and reads only what we export. */
class GrafanaDashboardTest {

    private static JsonNode dashboard() throws Exception {
        return new ObjectMapper().readTree(OpsFiles.read("grafana/hermetic.json"));
    }

    @Test
    void theDashboardHasTheExecutiveOnCallAndDebugViews() throws Exception {
        JsonNode d = dashboard();
        assertEquals("hermetic-build", d.get("uid").asText());
        List<String> rows = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode p : d.get("panels")) {
            assertTrue(ids.add(p.get("id").asInt()), "panel id " + p.get("id") + " twice");
            assertTrue(p.has("gridPos") && p.get("gridPos").get("w").asInt() <= 24, "gridPos of " + p.get("title"));
            if (p.get("type").asText().equals("row")) {
                rows.add(p.get("title").asText().replaceAll(":.*", ""));
            }
        }
        assertEquals(List.of("Executive", "On-call", "Debug"), rows);
    }

    @Test
    void everyQueryReadsExportedOrRecordedMetricsOverScrapedWindows() throws Exception {
        Set<String> known = new HashSet<>(OpsFiles.exported());
        known.addAll(OpsFiles.recorded());
        known.addAll(Set.of("up", "ALERTS"));
        int queries = 0;
        Set<String> used = new HashSet<>();
        for (JsonNode p : dashboard().get("panels")) {
            for (JsonNode t : p.path("targets")) {
                String expr = t.get("expr").asText();
                queries++;
                assertEquals("${datasource}", t.path("datasource").path("uid").asText(), "datasource of " + p.get("title"));
                Set<String> metrics = PromqlNames.metrics(expr);
                assertTrue(!metrics.isEmpty(), "no metric in " + expr);
                for (String m : metrics) {
                    assertTrue(known.contains(m), "panel " + p.get("title") + " reads " + m + ", which nothing exports");
                }
                used.addAll(metrics);
                assertTrue(OpsFiles.WINDOWS.containsAll(PromqlNames.windows(expr)),
                        "panel " + p.get("title") + " reads a window the documented scrape does not ask for: " + expr);
            }
        }
        assertTrue(queries >= 20, "queries: " + queries);
        for (String m : OpsFiles.exported()) {
            if (!m.endsWith("_sum") && !m.endsWith("_count")) {
                assertTrue(used.contains(m), "no panel shows " + m);
            }
        }
    }
}
