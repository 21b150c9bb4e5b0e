package dev.hermeticbuild.cli;

import dev.hermeticbuild.testing.Tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    @BeforeAll
    static void generate() {
        Tools.require("chromium", Files.isExecutable(CHROMIUM), "the dashboard browser test (apt-get install -y chromium)");
        String store = "jdbc:sqlite:" + dir.resolve("store.db");
        StoreData.populate(store, Instant.now(), dir.resolve("signer.pub"));
        int exit = HermeticCommand.execute(new String[] {"report", "--out", dir.resolve("site").toString(), "--store", store,
                        "--pub", dir.resolve("signer.pub").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
        assertEquals(0, exit);
        page = dir.resolve("site/index.html");
    }

    private static String chromium(String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory(dir, "profile")));
        cmd.addAll(List.of(extra));
        cmd.add(page.toUri().toString());
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
