package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a real {@code hermetic build} process prints where: the build's own output, --quiet, --json. */
class ConsoleOutputTest {

    @TempDir
    Path dir;

    record Output(int exit, String out, String err) {
    }

    private Output build(String... options) throws IOException, InterruptedException {
        Path workspace = Files.createDirectories(dir.resolve("ws"));
        Path out = dir.resolve("out-" + options.length + "-" + String.join("", options).replace("-", ""));
        List<String> args = new ArrayList<>(List.of("build", "-C", workspace.toString(), "--out", out.toString(), "--output", "dist/*"));
        args.addAll(List.of(options));
        args.addAll(List.of("--", "/bin/sh", "-c", "echo the-build-speaks; mkdir -p dist && echo x > dist/a.txt"));
        Process p = HermeticProcess.of(args.toArray(String[]::new))
                .redirectError(dir.resolve("err.txt").toFile()).redirectOutput(dir.resolve("out.txt").toFile()).start();
        int exit = p.waitFor();
        return new Output(exit, Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void quietKeepsTheBuildsOutputOffTheTerminal() throws Exception {
        Output loud = build();
        assertEquals(0, loud.exit(), loud.err());
        assertTrue((loud.out() + loud.err()).contains("the-build-speaks"), "the build's output is shown live: " + loud.out());

        Output quiet = build("--quiet");
        assertEquals(0, quiet.exit(), quiet.err());
        assertFalse((quiet.out() + quiet.err()).contains("the-build-speaks"), "--quiet: " + quiet.out() + quiet.err());
        assertTrue(quiet.out().contains("provenance: "), "results are still printed: " + quiet.out());
    }

    @Test
    void withJsonStdoutIsTheReportAlone() throws Exception {
        Output json = build("--json");
        JsonOutputSchema.assertReport(json.exit(), json.out(), json.err());
        assertEquals(0, json.exit(), json.err());
        assertFalse(json.out().contains("the-build-speaks"), "the build's output goes to stderr: " + json.out());
        assertTrue(json.err().contains("the-build-speaks"), json.err());
    }
}
