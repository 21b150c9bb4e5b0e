package dev.hermeticbuild.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.store.Digests;
import dev.hermeticbuild.store.ProvenanceStore;
import dev.hermeticbuild.store.ProvenanceStores;
import dev.hermeticbuild.store.RecordCheck;
import dev.hermeticbuild.store.RecordIngest;
import dev.hermeticbuild.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's list of all builds over a real SQLite store: newest first, cut at its limit, saying so. */
class DashboardBuildListTest {

    @Test
    void aLongListShowsTheNewestBuildsAndSaysHowManyWereLeftOut(@TempDir Path dir) {
        int limit = 5;
        int total = limit + 2;
        String html;
        try (ProvenanceStore store = ProvenanceStores.open("jdbc:sqlite:" + dir.resolve("store.db"))) {
            RecordIngest ingest = new RecordIngest(Optional.empty(), true, Clock.systemUTC());
            for (int i = 1; i <= total; i++) {
                byte[] statement = Fixtures.provenance("build/app-" + i + ".jar", Digests.sha256("app-" + i))
                        .getBytes(StandardCharsets.UTF_8);
                store.append(ingest.fromStatement(statement, "app-" + i, Optional.empty(), Optional.of("ci-" + i)));
            }
            html = Dashboard.render(Dashboard.Input.from(store, Duration.ofDays(1), "1d", Instant.now(), RecordCheck.none()), limit);
        }
        assertTrue(html.contains("The newest " + limit + " of " + total + " build records."), html);
        String table = html.substring(html.indexOf("id=\"all-builds\""));
        Matcher rows = Pattern.compile("<tr class=\"unverified\"><td>#(\\d+)</td>").matcher(table);
        assertTrue(rows.find());
        assertEquals(String.valueOf(total), rows.group(1), "newest first");
        int n = 1;
        String last = rows.group(1);
        while (rows.find()) {
            n++;
            last = rows.group(1);
        }
        assertEquals(limit, n);
        assertEquals("3", last, "the two oldest are the ones left out");
    }
}
