package dev.hermeticbuild.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.rebuild.ReproducibilityCheck;
import dev.hermeticbuild.rebuild.ReproducibilityReport;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The phases of real builds reach a listener in the order they run, each ended with its duration. */
class BuildProgressTest {

    @TempDir
    Path workspace;
    @TempDir
    Path out;

    /** Records what it hears as lines, e.g. {@code start source}, {@code end source}, {@code header build 1 of 2 ...}. */
    static final class Recording implements BuildProgress {
        final List<String> heard = new ArrayList<>();
        final List<Duration> durations = new ArrayList<>();

        @Override
        public void buildStarting(String header) {
            heard.add("header " + header);
        }

        @Override
        public void phaseStarted(Phase phase) {
            heard.add("start " + phase.label());
        }

        @Override
        public void phaseFinished(Phase phase, Duration took) {
            heard.add("end " + phase.label());
            durations.add(took);
        }
    }

    @Test
    void aSuccessfulBuildWalksAllSixPhasesInOrder() throws Exception {
        Recording progress = new Recording();
        BuildResult result = HermeticBuild.run(request("mkdir -p dist && echo ok > dist/a.txt"), new ByteArrayOutputStream(), Map.of(),
                Optional.empty(), progress);
        assertTrue(result.succeeded());
        List<String> expected = new ArrayList<>();
        for (BuildProgress.Phase phase : BuildProgress.Phase.values()) {
            expected.add("start " + phase.label());
            expected.add("end " + phase.label());
        }
        assertEquals(expected, progress.heard);
        assertEquals(List.of("source", "sandbox + egress probe", "build", "outputs", "SBOM", "provenance + signing"),
                java.util.Arrays.stream(BuildProgress.Phase.values()).map(BuildProgress.Phase::label).toList());
        assertTrue(progress.durations.stream().noneMatch(Duration::isNegative));
    }

    @Test
    void aFailingCommandEndsTheBuildPhaseAndNothingFollows() throws Exception {
        Recording progress = new Recording();
        BuildResult result = HermeticBuild.run(request("exit 9"), new ByteArrayOutputStream(), Map.of(), Optional.empty(), progress);
        assertFalse(result.succeeded());
        assertEquals(List.of("start source", "end source", "start sandbox + egress probe", "end sandbox + egress probe",
                "start build", "end build"), progress.heard);
        dev.hermeticbuild.FileTrees.deleteQuietly(result.buildLog().getParent());
    }

    @Test
    void checkReproducibleAnnouncesEachOfItsTwoBuildsBeforeItsPhases() throws Exception {
        Recording progress = new Recording();
        ReproducibilityReport report = ReproducibilityCheck.run(request("mkdir -p dist && echo same > dist/a.txt"), Set.of(), false,
                new ByteArrayOutputStream(), Map.of(), "check-reproducible", Optional.empty(), progress);
        assertEquals(ReproducibilityReport.Status.REPRODUCIBLE, report.status());
        List<String> headers = progress.heard.stream().filter(h -> h.startsWith("header ")).toList();
        assertEquals(List.of("header build 1 of 2 (first, without variation)", "header build 2 of 2 (second, without variation)"), headers);
        int second = progress.heard.indexOf(headers.get(1));
        assertEquals("header build 1 of 2 (first, without variation)", progress.heard.get(0));
        assertEquals("end provenance + signing", progress.heard.get(second - 1), "the second header follows the first build's last phase");
        assertEquals("start source", progress.heard.get(second + 1));
        assertEquals(2 * 2 * BuildProgress.Phase.count() + 2, progress.heard.size(), progress.heard.toString());
    }

    private BuildRequest request(String script) throws Exception {
        Files.createDirectories(workspace);
        return BuildRequest.builder()
                .workspace(workspace).outDir(out).outputs(List.of(new OutputGlob("dist/*.txt")))
                .command(List.of("/bin/sh", "-c", script)).tier(Tier.DEV).builderId("https://ci.example.com/hermetic")
                .timeout(Duration.ofMinutes(2)).build();
    }
}
