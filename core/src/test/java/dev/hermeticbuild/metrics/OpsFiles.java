package dev.hermeticbuild.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's {@code ops/} files and what they may read: the metric names {@code hermetic
 * metrics} exports, the names the recording rules add, and the windows the documented scrape asks for.
 */
final class OpsFiles {

    /** The windows of the scrape command in ops/prometheus/prometheus.yml and docs/how-to/alerting.md. */
    static final List<String> WINDOWS = List.of("5m", "30m", "1h", "6h", "1d", "30d");

    private OpsFiles() {
    }

    /** {@code ops/} at the repository root (tests run in the module directory). */
    static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("ops/prometheus/hermetic.rules.yml"))) {
                return p.resolve("ops");
            }
        }
        throw new AssertionError("no ops/prometheus/hermetic.rules.yml above " + Path.of("").toAbsolutePath());
    }

    static String read(String relative) {
        try {
            return Files.readString(dir().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every metric name in an exposition with every ratio and summary present. */
    static Set<String> exported() {
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        Slis full = new Slis(t, t.plusSeconds(60), 4, 2, 1, 1, 0, 2, 10, 5, 2, 1, 1, 1, 3, 1,
                List.of(Duration.ofSeconds(3)), List.of(Duration.ofMillis(20)), 4, 3,
                new java.util.TreeMap<>(java.util.Map.of("unknown-key", 1)));
        return names(PrometheusText.render(full, "1h"));
    }

    /** Every metric name the admission webhook's /metrics serves, a decision recorded (a job of its own: no dashboard panel). */
    static Set<String> webhookExported() {
        dev.hermeticbuild.admission.AdmissionMetrics webhook = new dev.hermeticbuild.admission.AdmissionMetrics();
        webhook.record(dev.hermeticbuild.admission.Decision.refused("uid", dev.hermeticbuild.admission.Reason.MALFORMED_REVIEW, "m"),
                Duration.ofMillis(1));
        return names(webhook.render());
    }

    private static Set<String> names(String exposition) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{").matcher(exposition);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The names the recording rules define. */
    static Set<String> recorded() {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s*- record: (\\S+)$").matcher(read("prometheus/hermetic.rules.yml"));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
