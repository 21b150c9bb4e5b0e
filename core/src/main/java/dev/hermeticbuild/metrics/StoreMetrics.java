package dev.hermeticbuild.metrics;

import dev.hermeticbuild.store.CheckedRecord;
import dev.hermeticbuild.store.ProvenanceStore;
import dev.hermeticbuild.store.RecordCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The indicators of a store over several windows that end now (5m, 1h, 30d...), as the
 * multi-window alerts need them: the records of the widest window are read and checked once.
 */
public final class StoreMetrics {

    /** A window: the label its samples carry and how far back it reaches. */
    public record TimeWindow(String label, Duration length) {

        public TimeWindow {
            if (length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("window " + label + ": must be positive, was " + length);
            }
        }
    }

    private StoreMetrics() {
    }

    /** One set of indicators per window, in the order given; signatures checked now with {@code check}. */
    public static List<PrometheusText.Window> compute(ProvenanceStore store, RecordCheck check, List<TimeWindow> windows,
                                                      Instant now) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("at least one window is needed");
        }
        Duration widest = windows.stream().map(TimeWindow::length).max(Comparator.naturalOrder()).orElseThrow();
        List<CheckedRecord> checked = check.check(store, store.recordedSince(now.minus(widest)));
        return windows.stream().map(w -> new PrometheusText.Window(w.label(),
                SliCalculator.computeChecked(checked, now.minus(w.length()), now.plusMillis(1)))).toList();
    }
}
