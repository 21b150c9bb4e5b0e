package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `hermetic build` and `check-reproducible` tell a person while they work: on stderr, in order, never on stdout. */
class BuildProgressLinesTest {

    static final List<String> PHASES = List.of("[1/6] source", "[2/6] sandbox + egress probe", "[3/6] build", "[4/6] outputs",
            "[5/6] SBOM", "[6/6] provenance + signing");

    @TempDir
    Path workspace;
    @TempDir
    Path out;

    @BeforeEach
    void project() throws IOException {
        Files.writeString(workspace.resolve("build.sh"), "#!/bin/sh\nmkdir -p dist && echo app > dist/app.txt\n");
        workspace.resolve("build.sh").toFile().setExecutable(true);
    }

    @AfterEach
    void removeFailedLog() {
        dev.hermeticbuild.FileTrees.deleteQuietly(out.resolveSibling(out.getFileName() + ".failed"));
    }

    @Test
    void eachPhaseBeginsAndEndsOnStderrInOrderAndStdoutIsOnlyJson() throws Exception {
        var r = BuildCommandTest.hermetic("build", "-C", workspace.toString(), "--out", out.toString(), "--output", "dist/", "--json",
                "--", "./build.sh");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = JsonOutputSchema.result(r.exit(), r.out(), r.err());
        assertTrue(json.isObject(), r.out());
        assertFalse(r.out().contains("hermetic: ["), r.out());
        int at = -1;
        for (String phase : PHASES) {
            int began = r.err().indexOf("hermetic: " + phase + "...\n");
            int ended = r.err().indexOf("hermetic: " + phase + " done in ");
            assertTrue(began > at && ended > began, phase + " out of order in:\n" + r.err());
            at = ended;
        }
    }

    @Test
    void quietPrintsNoPhases() {
        var r = BuildCommandTest.hermetic("build", "-C", workspace.toString(), "--out", out.toString(), "--output", "dist/*.txt",
                "--quiet", "--", "./build.sh");
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.err().contains("[1/6]"), r.err());
    }

    @Test
    void aBuildThatFailsReachingForTheNetworkExitsFourWithTheHint() {
        dev.hermeticbuild.testing.Tools.require("curl", dev.hermeticbuild.testing.Cmd.onPath("curl"), "the sandboxed download");
        var r = BuildCommandTest.hermetic("build", "-C", workspace.toString(), "--out", out.toString(), "--output", "dist/*.txt",
                "--", "curl", "-sS", "--max-time", "20", "https://registry.npmjs.org/left-pad");
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().contains("hermetic: hint: the build log shows a network failure") && r.err().contains("--cache"), r.err());
        assertTrue(r.err().indexOf("[3/6] build done in") < r.err().indexOf("hint:"), r.err());
        assertFalse(r.err().contains("[4/6]"), "a failed build has no outputs phase:\n" + r.err());
    }

    @Test
    void checkReproduciblePrintsAHeaderBeforeEachOfItsBuilds() throws Exception {
        var r = BuildCommandTest.hermetic("check-reproducible", "-C", workspace.toString(), "--out", out.toString(), "--output",
                "dist/*.txt", "--vary", "hostname", "--json", "--", "./build.sh");
        assertEquals(0, r.exit(), r.err());
        JsonOutputSchema.result(r.exit(), r.out(), r.err());
        int first = r.err().indexOf("hermetic: == build 1 of 2 (first, without variation) ==");
        int second = r.err().indexOf("hermetic: == build 2 of 2 (second, varying hostname) ==");
        assertTrue(first >= 0 && second > first, r.err());
        assertTrue(r.err().indexOf("[1/6] source...", first) < second && r.err().indexOf("[1/6] source...", second) > second, r.err());
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertEquals("340ms", PhaseLines.took(Duration.ofMillis(340)));
        assertEquals("2.1s", PhaseLines.took(Duration.ofMillis(2140)));
        assertEquals("1m 5s", PhaseLines.took(Duration.ofSeconds(65)));
    }
}
