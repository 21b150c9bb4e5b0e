package dev.hermeticbuild.admission;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The webhook's Prometheus metrics: decisions by result and (first) reason, a histogram of
 * decision latency, and the tags the mutating half pinned or could not; rendered in the text
 * exposition format, version 0.0.4.
 */
public final class AdmissionMetrics {

    /** Upper bounds of the latency histogram's buckets, in seconds. */
    static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

    private record Key(String result, String reason) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = result.compareTo(o.result);
            return c != 0 ? c : reason.compareTo(o.reason);
        }
    }

    private final Map<Key, AtomicLong> decisions = new ConcurrentHashMap<>();
    private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS.length);
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong pinned = new AtomicLong();
    private final AtomicLong unpinned = new AtomicLong();
    private final Map<String, AtomicLong> refused = new ConcurrentHashMap<>(Map.of("no-client-certificate", new AtomicLong(),
            "client-name", new AtomicLong(), "client-certificate-invalid", new AtomicLong()));

    /** Counts the images {@code pinning} pinned and the tags it left unpinned (one warning each). */
    public void record(TagPinning pinning) {
        pinned.addAndGet(pinning.pinned().size());
        unpinned.addAndGet(pinning.warnings().size());
    }

    /**
     * Counts a client refused before its review was read, for {@code reason}: {@code no-client-certificate},
     * {@code client-name}, or {@code client-certificate-invalid} (its chain failed the TLS handshake).
     */
    void refused(String reason) {
        refused.get(reason).incrementAndGet();
    }

    /** Counts {@code decision}, which took {@code latency}. */
    public void record(Decision decision, Duration latency) {
        String reason = decision.reasons().isEmpty() ? "none" : decision.reasons().get(0).id();
        decisions.computeIfAbsent(new Key(decision.result(), reason), k -> new AtomicLong()).incrementAndGet();
        double seconds = latency.toNanos() / 1e9;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                buckets.incrementAndGet(i);
            }
        }
        count.incrementAndGet();
        nanos.addAndGet(latency.toNanos());
    }

    /** The exposition text. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP hermetic_admission_decisions_total Admission decisions by result (allowed, denied, warned) and first reason.\n")
                .append("# TYPE hermetic_admission_decisions_total counter\n");
        new TreeMap<>(decisions).forEach((k, v) -> out.append("hermetic_admission_decisions_total{result=\"").append(k.result())
                .append("\",reason=\"").append(k.reason()).append("\"} ").append(v.get()).append('\n'));
        String h = "hermetic_admission_decision_duration_seconds";
        out.append("# HELP ").append(h).append(" Time from a request's body read to its decision.\n")
                .append("# TYPE ").append(h).append(" histogram\n");
        for (int i = 0; i < BUCKETS.length; i++) {
            out.append(h).append("_bucket{le=\"").append(number(BUCKETS[i])).append("\"} ").append(buckets.get(i)).append('\n');
        }
        long n = count.get();
        out.append(h).append("_bucket{le=\"+Inf\"} ").append(n).append('\n')
                .append(h).append("_sum ").append(number(nanos.get() / 1e9)).append('\n')
                .append(h).append("_count ").append(n).append('\n');
        out.append("# HELP hermetic_admission_tags_total Images given by tag under a resolveTags rule: pinned to a digest, or left (then denied).\n")
                .append("# TYPE hermetic_admission_tags_total counter\n")
                .append("hermetic_admission_tags_total{result=\"pinned\"} ").append(pinned.get()).append('\n')
                .append("hermetic_admission_tags_total{result=\"unpinned\"} ").append(unpinned.get()).append('\n');
        out.append("# HELP hermetic_admission_refused_total Clients refused before their review was read: no client certificate, one that fails validation (the TLS handshake), or a name --client-name does not allow.\n")
                .append("# TYPE hermetic_admission_refused_total counter\n");
        new TreeMap<>(refused).forEach((reason, total) -> out.append("hermetic_admission_refused_total{reason=\"").append(reason)
                .append("\"} ").append(total.get()).append('\n'));
        return out.toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.9f", v).replaceAll("0+$", "");
    }
}
