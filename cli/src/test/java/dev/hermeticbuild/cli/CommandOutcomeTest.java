package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A crash of hermetic itself (a bug) still ends with a report under --json, and its stack trace on stderr. */
class CommandOutcomeTest {

    @CommandLine.Command(name = "crash")
    static final class Crash implements Runnable {
        @CommandLine.Mixin
        JsonOption json;

        @Override
        public void run() {
            throw new IllegalStateException("a bug");
        }
    }

    private static BuildCommandTest.Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Crash());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = CommandOutcome.install(cli).execute(args);
        return new BuildCommandTest.Run(exit, out.toString(), err.toString());
    }

    @Test
    void aCrashIsAnInternalErrorReport() {
        BuildCommandTest.Run r = run("--json");
        JsonNode report = JsonOutputSchema.assertReport(r);
        assertEquals(1, r.exit());
        assertEquals("internal-error", report.path("errors").get(0).path("code").asText(), r.out());
        assertTrue(report.path("errors").get(0).path("message").asText().contains("a bug"), r.out());
        assertTrue(r.err().contains("java.lang.IllegalStateException: a bug") && r.err().contains("\tat "), r.err());
    }

    @Test
    void withoutJsonOnlyTheStackTrace() {
        BuildCommandTest.Run r = run();
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().contains("IllegalStateException: a bug"), r.err());
    }
}
