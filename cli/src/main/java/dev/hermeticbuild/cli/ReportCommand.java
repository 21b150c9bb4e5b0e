package dev.hermeticbuild.cli;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.metrics.SliCalculator;
import dev.hermeticbuild.metrics.Slis;
import dev.hermeticbuild.report.Dashboard;
import dev.hermeticbuild.store.ChainReport;
import dev.hermeticbuild.store.StoredRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hermetic report}: a static, offline HTML dashboard of the store over a window. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a static HTML dashboard (OUT/index.html): executive and debug views, SVG charts, offline.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write index.html into.")
    Path out;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "30d",
            description = "Records accepted this long ago or later (default 30d).")
    String window;

    @Mixin
    StoreReadOptions source;

    @picocli.CommandLine.Mixin
    JsonOption json;

    @Override
    public Integer call() {
        Duration w = Durations.parse("--window", window);
        Instant now = Instant.now();
        Dashboard.Input input = source.reader().read((s, check) -> Dashboard.Input.from(s, w, window, now, check));
        Path page = out.resolve("index.html");
        try {
            Files.createDirectories(out);
            Files.writeString(page, Dashboard.render(input), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException("--out " + out + ": cannot write the report (" + e.getMessage() + ")", e);
        }
        if (json.enabled) {
            json.result(Json.object().put("page", page.toString()).put("chainIntact", input.chain().intact()));
        } else {
            spec.commandLine().getOut().println("wrote " + page + (input.chain().intact() ? "" : " (the log FAILS verification: see the page)"));
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }
}
