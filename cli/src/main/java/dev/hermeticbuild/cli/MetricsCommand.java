package dev.hermeticbuild.cli;

import dev.hermeticbuild.metrics.PrometheusText;
import dev.hermeticbuild.metrics.SliCalculator;
import dev.hermeticbuild.metrics.Slis;
import dev.hermeticbuild.store.ProvenanceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hermetic metrics}: the build SLIs over a window, in Prometheus text format; signatures
 * count as verified only when they verify now against {@code --pub}.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Build SLIs from the store over a time window, in Prometheus text format.")
final class MetricsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "30d",
            description = "Records accepted this long ago or later: 90m, 36h, 30d or ISO-8601 (default 30d).")
    String window;

    @Mixin
    StoreOptions store;

    @Mixin
    RecordCheckOptions check;

    @Override
    public Integer call() {
        Duration w = Durations.parse("--window", window);
        Instant now = Instant.now();
        dev.hermeticbuild.store.RecordCheck checker = check.check();
        Slis slis;
        try (ProvenanceStore s = store.open()) {
            slis = SliCalculator.computeChecked(checker.check(s, s.recordedSince(now.minus(w))), now.minus(w), now.plusMillis(1));
        }
        spec.commandLine().getOut().print(PrometheusText.render(slis, window));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
