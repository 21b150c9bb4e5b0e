package dev.hermeticbuild.cli;

import dev.hermeticbuild.testing.Tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.store.Digests;
import dev.hermeticbuild.store.ProvenanceStore;
import dev.hermeticbuild.store.ProvenanceStores;
import dev.hermeticbuild.store.RecordIngest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the generated dashboard in Debian's headless Chromium (no network, fresh profile) and
 * checks what it shows: the DOM Chromium built (tiles, bars, tables) and the pixels it painted
 * (the chart colours). Skipped, saying so, only when chromium is not installed.
 */
class ReportBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    static Path dir;

    private static Path page;

    /** A store of three quick builds: 120 ms, 340 ms and 800 ms. */
    private static Path quickPage;

    @BeforeAll
    static void generate() throws IOException {
        Tools.require("chromium", Files.isExecutable(CHROMIUM), "the dashboard browser test (apt-get install -y chromium)");
        String store = "jdbc:sqlite:" + dir.resolve("store.db");
        StoreData.populate(store, fourteenDaysEnd(Instant.now()), dir.resolve("signer.pub"));
        page = report(store, "site");
        String quick = "jdbc:sqlite:" + dir.resolve("quick.db");
        Instant now = Instant.now();
        try (ProvenanceStore s = ProvenanceStores.open(quick)) {
            long[] millis = {120, 340, 800};
            for (int i = 0; i < millis.length; i++) {
                Instant finished = now.minusSeconds(60L * (i + 1));
                String name = "quick-" + i + ".jar";
                byte[] stmt = StoreData.statement("build/" + name, Digests.sha256(name), finished.minusMillis(millis[i]), finished)
                        .getBytes(StandardCharsets.UTF_8);
                RecordIngest ingest = new RecordIngest(Optional.empty(), true, Clock.fixed(finished, ZoneOffset.UTC));
                s.append(ingest.fromStatement(stmt, name, Optional.empty(), Optional.of("quick-" + i)));
            }
        }
        quickPage = report(quick, "quick-site");
    }

    /** From a day's first build of {@link StoreData#populate} to its last. */
    private static final Duration DAY_SPAN = StoreData.BUILD_SPACING.multipliedBy(StoreData.BUILDS_PER_DAY - 1);

    /**
     * Where the test store's fourteen days end: now, or earlier by the day's span and ten minutes
     * when a day's builds would straddle midnight UTC and make a fifteenth day on the chart (as a
     * run at 01:45 UTC did).
     */
    static Instant fourteenDaysEnd(Instant now) {
        Instant first = now.minus(StoreData.DAY_FIRST_BUILD_BEFORE_END);
        boolean straddles = !first.atZone(ZoneOffset.UTC).toLocalDate().equals(first.plus(DAY_SPAN).atZone(ZoneOffset.UTC).toLocalDate());
        return straddles ? now.minus(DAY_SPAN).minus(Duration.ofMinutes(10)) : now;
    }

    private static Path report(String store, String site) {
        int exit = HermeticCommand.execute(new String[] {"report", "--out", dir.resolve(site).toString(), "--store", store,
                        "--pub", dir.resolve("signer.pub").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
        assertEquals(0, exit);
        return dir.resolve(site).resolve("index.html");
    }

    private static String chromium(String... extra) throws IOException, InterruptedException {
        return chromium(page, extra);
    }

    private static String chromium(Path target, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory(dir, "profile")));
        cmd.addAll(List.of(extra));
        cmd.add(target.toUri().toString());
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.err").toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, p.exitValue(), "chromium failed: " + Files.readString(dir.resolve("chromium.err")));
        return out;
    }

    private static String text(String dom, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>.*?<div class=\"value\">([^<]*)</div>", Pattern.DOTALL).matcher(dom);
        assertTrue(m.find(), "no tile " + id);
        return m.group(1);
    }

    private static int count(String dom, String regex) {
        Matcher m = Pattern.compile(regex).matcher(dom);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void eachDaysBuildsFallOnOneUtcDayWhateverTheTimeOfTheRun() {
        Instant midnight = Instant.parse("2026-12-04T00:00:00Z");
        for (int minute = 0; minute < 24 * 60; minute += 5) {
            Instant end = fourteenDaysEnd(midnight.plus(Duration.ofMinutes(minute)));
            Instant first = end.minus(StoreData.DAY_FIRST_BUILD_BEFORE_END);
            assertEquals(first.atZone(ZoneOffset.UTC).toLocalDate(), first.plus(DAY_SPAN).atZone(ZoneOffset.UTC).toLocalDate(),
                    "a run at minute " + minute + " of the day");
        }
    }

    @Test
    void theDomChromiumBuildsShowsTheIndicatorsChartsAndFailures() throws Exception {
        String dom = chromium("--dump-dom");
        assertTrue(dom.contains("Log intact: 44 records"), "chain status missing");
        assertEquals("71.4%", text(dom, "tile-coverage"));
        assertEquals("81.1%", text(dom, "tile-pass-rate"));
        assertEquals("50.0%", text(dom, "tile-sbom"));
        assertEquals("50.0%", text(dom, "tile-reproducible"));
        assertTrue(text(dom, "tile-lead-p50").matches("\\d+s|\\d+\\.\\d min"), text(dom, "tile-lead-p50"));
        // 14 days with builds: one green stack segment each; 7 days with a failed verification.
        assertEquals(14, count(dom, "class=\"bar\" data-series=\"verified\""));
        assertEquals(7, count(dom, "class=\"bar\" data-series=\"failed\""));
        assertEquals(14, count(dom, "class=\"point\" data-series=\"P95\""));
        assertEquals(7, countRows(dom, "failed-verifications"));
        assertEquals(1, countRows(dom, "non-reproducible"));
        assertEquals(5, countRows(dom, "unverified"));
        assertTrue(dom.contains("unknown key "), "failure reasons missing");
        assertTrue(dom.contains("META-INF/MANIFEST.MF differs"), "non-reproducible differences missing");
    }

    @Test
    void differencesAreShownAsTheyAreInAPreformattedBlock() throws Exception {
        String dom = chromium("--dump-dom");
        String table = section(dom, "non-reproducible");
        Matcher pre = Pattern.compile("<pre class=\"diff\">([^<]*)</pre>").matcher(table);
        assertTrue(pre.find(), "no <pre> block of differences: " + table);
        assertEquals("build/app-2-0.jar: META-INF/MANIFEST.MF differs (Build-Time: 10:02 vs 10:07)", pre.group(1));
        assertFalse(table.contains("<li>"), "differences must not be a bullet list: " + table);
    }

    @Test
    void everyBuildInTheWindowIsListedNotOnlyTheFailures() throws Exception {
        String dom = chromium("--dump-dom");
        String table = section(dom, "all-builds");
        assertEquals(42, count(table, "<tr class=\"[a-z]+\"><td>#\\d+</td>"), "14 days of 3 builds each");
        assertEquals(7, count(table, "<tr class=\"failed\">"));
        assertEquals(5, count(table, "<tr class=\"unverified\">"));
        assertEquals(30, count(table, "<tr class=\"verified\">"));
    }

    @Test
    void subSecondLeadTimesShowInMillisecondsOnTilesAndAxes() throws Exception {
        String dom = chromium(quickPage, "--dump-dom");
        assertEquals("340ms", text(dom, "tile-lead-p50"));
        assertEquals("800ms", text(dom, "tile-lead-p95"));
        String chart = dom.substring(dom.indexOf("id=\"chart-lead-time\""));
        chart = chart.substring(0, chart.indexOf("</svg>"));
        List<String> ticks = new ArrayList<>();
        Matcher m = Pattern.compile("class=\"tick\" text-anchor=\"end\">([^<]*)</text>").matcher(chart);
        while (m.find()) {
            ticks.add(m.group(1));
        }
        assertEquals(List.of("0s", "200ms", "400ms", "600ms", "800ms"), ticks);
        String builds = section(dom, "all-builds");
        for (String lead : List.of("120ms", "340ms", "800ms")) {
            assertTrue(builds.contains("<td class=\"num\">" + lead + "</td>"), lead + " missing from the list of builds");
        }
    }

    /** Measured in Chromium's layout: a timestamp split over two lines has two client rectangles. */
    @Test
    void timestampsDoNotWrapEvenInANarrowWindow() throws Exception {
        Path probe = dir.resolve("site/probe.html");
        Files.writeString(probe, Files.readString(page).replace("</body>", "<script>const t = document.querySelectorAll('time');"
                + "document.body.dataset.times = t.length;"
                + "document.body.dataset.wrapped = Array.from(t).filter(e => e.getClientRects().length > 1).length;"
                + "</script></body>"));
        String dom = chromium(probe, "--window-size=640,2000", "--dump-dom");
        Matcher m = Pattern.compile("<body data-times=\"(\\d+)\" data-wrapped=\"(\\d+)\"").matcher(dom);
        assertTrue(m.find(), "the probe did not run");
        assertTrue(Integer.parseInt(m.group(1)) >= 42, "timestamps in the page: " + m.group(1));
        assertEquals("0", m.group(2), "timestamps wrapped over two lines");
    }

    private static String section(String dom, String tableId) {
        int start = dom.indexOf("id=\"" + tableId + "\"");
        assertTrue(start >= 0, "no table " + tableId);
        return dom.substring(start, dom.indexOf("</table>", start));
    }

    private static int countRows(String dom, String tableId) {
        int start = dom.indexOf("id=\"" + tableId + "\"");
        if (start < 0) {
            return 0;
        }
        int end = dom.indexOf("</table>", start);
        return count(dom.substring(start, end), "<tr><td>#\\d+</td>");
    }

    @Test
    void theChartsArePaintedInTheirColours() throws Exception {
        Path png = dir.resolve("report.png");
        chromium("--window-size=1280,1800", "--hide-scrollbars", "--screenshot=" + png);
        BufferedImage image = ImageIO.read(png.toFile());
        Files.copy(png, Path.of("target", "report-screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        int green = 0;
        int red = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                green += near(rgb, 0x1a7f37) ? 1 : 0;
                red += near(rgb, 0xcf222e) ? 1 : 0;
            }
        }
        assertTrue(green > 2000, "verified bars not painted: " + green + " green pixels");
        assertTrue(red > 500, "failed bars not painted: " + red + " red pixels");
    }

    private static boolean near(int rgb, int target) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xFF) - ((target >> shift) & 0xFF)) > 12) {
                return false;
            }
        }
        return true;
    }
}
