package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermeticbuild.testing.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's real Prometheus scrapes a real {@code hermetic metrics --listen} process over a store
 * of 14 days of builds, loads {@code ops/prometheus/hermetic.rules.yml} and evaluates them: the
 * test polls Prometheus's HTTP API (bounded, no fixed sleeps) until the target is up, a scraped
 * series and a recorded one have the values the store implies, and every rule is healthy.
 */
class PrometheusScrapeTest {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final List<String> WINDOWS = List.of("5m", "30m", "1h", "6h", "1d", "30d");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static Path ops() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("ops/prometheus/hermetic.rules.yml"))) {
                return p.resolve("ops/prometheus");
            }
        }
        throw new AssertionError("no ops/prometheus above " + Path.of("").toAbsolutePath());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code hermetic metrics --listen 127.0.0.1:0} as its own process; returns the port it reports. */
    private int startMetrics(String store) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HermeticCommand.class.getName(), "metrics",
                "--listen", "127.0.0.1:0", "--store", store, "--pub", dir.resolve("signer.pub").toString()));
        WINDOWS.forEach(w -> cmd.addAll(List.of("--window", w)));
        Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("metrics.out").toFile()).start();
        started.add(p);
        p.getOutputStream().close();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        String line = err.readLine();
        assertTrue(line != null, "hermetic metrics --listen exited with " + (p.isAlive() ? "?" : p.exitValue()));
        Matcher m = Pattern.compile("Serving metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics \\(windows 5m, 30m, 1h, 6h, 1d, 30d\\)")
                .matcher(line);
        assertTrue(m.find(), line);
        Thread drain = new Thread(() -> err.lines().forEach(l -> { }), "metrics-stderr");
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(m.group(1));
    }

    private int startPrometheus(int target) throws IOException {
        int port = freePort();
        Files.copy(ops().resolve("hermetic.rules.yml"), dir.resolve("hermetic.rules.yml"));
        Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                + "rule_files:\n  - " + dir.resolve("hermetic.rules.yml") + "\n"
                + "scrape_configs:\n  - job_name: hermetic-build\n    scrape_timeout: 1s\n    static_configs:\n"
                + "      - targets: [\"127.0.0.1:" + target + "\"]\n");
        Process p = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn").redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        started.add(p);
        return port;
    }

    private Optional<JsonNode> api(int port, String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(json.readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Optional<JsonNode> query(int port, String promql) {
        return api(port, "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .map(n -> n.path("data").path("result"));
    }

    /** Polls until {@code done} holds, at most {@link #PATIENCE}; fails with what was last seen. */
    private JsonNode await(String what, java.util.function.Supplier<Optional<JsonNode>> probe, Predicate<JsonNode> done)
            throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        Optional<JsonNode> last = Optional.empty();
        while (Instant.now().isBefore(deadline)) {
            last = probe.get();
            if (last.isPresent() && done.test(last.get())) {
                return last.get();
            }
            TimeUnit.MILLISECONDS.sleep(200); // the polling interval; the loop ends on what the API says
        }
        throw new AssertionError(what + " not seen within " + PATIENCE + "; last answer: " + last.orElse(null)
                + "\nprometheus log:\n" + Files.readString(dir.resolve("prometheus.log")));
    }

    private static double single(JsonNode result) {
        assertEquals(1, result.size(), result.toString());
        return Double.parseDouble(result.get(0).get("value").get(1).asText());
    }

    @Test
    void prometheusScrapesTheMetricsCommandAndEvaluatesTheRules() throws Exception {
        Tools.require("prometheus", Files.isExecutable(PROMETHEUS), "the scrape test (apt-get install -y prometheus)");
        String store = "jdbc:sqlite:" + dir.resolve("store.db");
        StoreData.populate(store, Instant.now(), dir.resolve("signer.pub"));
        int metrics = startMetrics(store);
        int prometheus = startPrometheus(metrics);

        await("the target up", () -> query(prometheus, "up{job=\"hermetic-build\"}"),
                r -> r.size() == 1 && r.get(0).get("value").get(1).asText().equals("1"));
        // 42 builds: 30 verified, 7 failed (signed by a stranger), 5 unsigned; the latest two hours ago.
        JsonNode builds = await("hermetic_builds", () -> query(prometheus, "hermetic_builds"), r -> r.size() == WINDOWS.size());
        for (JsonNode sample : builds) {
            String window = sample.get("metric").get("window").asText();
            double expected = switch (window) {
                case "30d" -> 42;
                case "1d", "6h" -> 3;
                default -> 0;
            };
            assertEquals(expected, Double.parseDouble(sample.get("value").get(1).asText()), "builds in " + window);
        }
        JsonNode ratio = await("the recorded failure ratio",
                () -> query(prometheus, "hermetic:verification_failure_ratio{window=\"30d\"}"), r -> r.size() == 1);
        assertEquals(7 / 37.0, single(ratio), 1e-9);
        assertEquals(12, single(query(prometheus, "hermetic:builds_without_verified_provenance{window=\"30d\"}").orElseThrow()));

        JsonNode rules = await("every rule evaluated", () -> api(prometheus, "/api/v1/rules").map(n -> n.path("data").path("groups")),
                groups -> groups.size() == 3 && allEvaluated(groups));
        int count = 0;
        for (JsonNode group : rules) {
            for (JsonNode rule : group.get("rules")) {
                assertEquals("ok", rule.get("health").asText(), rule.toString());
                count++;
            }
        }
        assertEquals(18, count);
    }

    private static boolean allEvaluated(JsonNode groups) {
        for (JsonNode group : groups) {
            for (JsonNode rule : group.get("rules")) {
                if (rule.path("lastEvaluation").asText("").startsWith("0001-")) {
                    return false;
                }
            }
        }
        return true;
    }
}
