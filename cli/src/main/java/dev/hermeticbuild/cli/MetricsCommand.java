package dev.hermeticbuild.cli;

import dev.hermeticbuild.metrics.MetricsEndpoint;
import dev.hermeticbuild.metrics.PrometheusText;
import dev.hermeticbuild.metrics.StoreMetrics;
import dev.hermeticbuild.metrics.StoreMetrics.TimeWindow;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hermetic metrics}: the build SLIs over one or more windows, in Prometheus text format,
 * printed once or served on {@code --listen} for Prometheus to scrape; signatures count as
 * verified only when they verify now against {@code --pub}.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Build SLIs from the store over time windows, in Prometheus text format (printed, or served with --listen).")
final class MetricsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--window", paramLabel = "DURATION",
            description = "Records accepted this long ago or later: 5m, 1h, 30d or ISO-8601; repeat for several windows,"
                    + " each labelled window=\"DURATION\" (default 30d).")
    List<String> windows = new ArrayList<>();

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Serve GET /metrics on this address until stopped, computing the SLIs afresh on every scrape"
                    + " (e.g. 127.0.0.1:9464; port 0 picks a free one).")
    String listen;

    @Mixin
    StoreReadOptions source;

    @Override
    public Integer call() throws InterruptedException {
        List<TimeWindow> ws = new ArrayList<>();
        for (String w : windows.isEmpty() ? List.of("30d") : windows) {
            if (ws.stream().anyMatch(t -> t.label().equals(w))) {
                throw new dev.hermeticbuild.InputException("--window " + w + ": given twice");
            }
            ws.add(new TimeWindow(w, Durations.parse("--window", w)));
        }
        StoreReadOptions.Reader reader = source.reader();
        if (listen == null) {
            spec.commandLine().getOut().print(exposition(reader, ws));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        InetSocketAddress address = MetricsEndpoint.parseAddress("--listen", listen);
        MetricsEndpoint started;
        try {
            started = MetricsEndpoint.start(address, () -> exposition(reader, ws), line -> {
                spec.commandLine().getErr().println(line);
                spec.commandLine().getErr().flush();
            });
        } catch (java.io.UncheckedIOException e) {
            throw new dev.hermeticbuild.InputException("--listen " + listen + ": cannot listen there: "
                    + e.getCause().getMessage());
        }
        try (MetricsEndpoint endpoint = started) {
            InetSocketAddress bound = endpoint.address();
            String host = bound.getAddress().getHostAddress();
            spec.commandLine().getErr().println("Serving metrics on http://" + (host.contains(":") ? "[" + host + "]" : host)
                    + ":" + bound.getPort() + "/metrics (windows " + String.join(", ", ws.stream().map(TimeWindow::label).toList())
                    + "); stop with Ctrl-C");
            spec.commandLine().getErr().flush();
            new CountDownLatch(1).await();
        }
        return ExitCodes.OK;
    }

    private static String exposition(StoreReadOptions.Reader reader, List<TimeWindow> ws) {
        return reader.read((s, check) -> PrometheusText.render(StoreMetrics.compute(s, check, ws, Instant.now())));
    }
}
