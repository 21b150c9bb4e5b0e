package dev.hermeticbuild.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.testing.Cmd;
import dev.hermeticbuild.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build that fails because it reached for the network (which the sandbox has not) is told how to build offline. */
class NetworkFailureHintTest {

    @TempDir
    Path workspace;
    @TempDir
    Path out;

    @Test
    void aSandboxedDownloadThatCannotResolveItsHostGetsTheHint() {
        Tools.require("curl", Cmd.onPath("curl"), "the sandboxed command that tries to download");
        BuildResult result = build("curl -sS --max-time 20 https://repo.maven.apache.org/maven2/ -o /dev/null");
        assertFalse(result.succeeded());
        String hint = result.networkHint().orElseThrow(() -> new AssertionError("no hint; log: " + log(result)));
        assertTrue(hint.contains("'Could not resolve host'") && hint.contains("the sandbox has no network")
                && hint.contains("hermetic prefetch") && hint.contains("--cache"), hint);
        dev.hermeticbuild.FileTrees.deleteQuietly(result.buildLog().getParent());
    }

    @Test
    void aResolverFailureOfTheCLibraryGetsTheHint() {
        Tools.require("python3", Cmd.onPath("python3"), "the sandboxed command that resolves a name");
        BuildResult result = build("python3 -c \"import socket; socket.getaddrinfo('registry.npmjs.org', 443)\"");
        assertFalse(result.succeeded());
        assertTrue(result.networkHint().isPresent(), "no hint; log: " + log(result));
        dev.hermeticbuild.FileTrees.deleteQuietly(result.buildLog().getParent());
    }

    @Test
    void aReproducibilityCheckWhoseBuildReachesForTheNetworkSaysSo() {
        Tools.require("curl", Cmd.onPath("curl"), "the sandboxed command that tries to download");
        var report = dev.hermeticbuild.rebuild.ReproducibilityCheck.run(request("curl -sS --max-time 20 https://registry.npmjs.org/"),
                java.util.Set.of(), false, new ByteArrayOutputStream(), Map.of());
        assertEquals(dev.hermeticbuild.rebuild.ReproducibilityReport.Status.BUILD_FAILED, report.status());
        assertTrue(report.failure().contains("the first build failed") && report.failure().contains("the sandbox has no network"),
                report.failure());
    }

    @Test
    void aFailureWithoutANetworkMarkGetsNoHintAndNeitherDoesASuccess() {
        BuildResult failed = build("echo 'compile error: missing semicolon'; exit 3");
        assertEquals(3, failed.exitCode());
        assertEquals(Optional.empty(), failed.networkHint());
        dev.hermeticbuild.FileTrees.deleteQuietly(failed.buildLog().getParent());
        BuildResult ok = build("mkdir -p dist && echo 'Could not resolve host: printed by a test' > dist/a.txt"
                + " && echo 'Could not resolve host: printed by a test'");
        assertTrue(ok.succeeded());
        assertEquals(Optional.empty(), ok.networkHint());
    }

    @Test
    void eachMarkIsRecognisedAndTheLogLineItselfIsNeverRepeated(@TempDir Path logs) throws Exception {
        for (String mark : NetworkFailureHint.MARKS) {
            Path log = Files.writeString(logs.resolve("build.log"), "step 1\n[ERROR] https://bot:s3cret@repo.example " + mark + " x\n");
            String hint = NetworkFailureHint.forLog(log).orElseThrow(() -> new AssertionError(mark));
            assertTrue(hint.contains("'" + mark + "'"), hint);
            assertFalse(hint.contains("s3cret"), hint);
        }
        assertEquals(Optional.empty(), NetworkFailureHint.forLog(logs.resolve("missing.log")));
    }

    private BuildResult build(String script) {
        return HermeticBuild.run(request(script), new ByteArrayOutputStream(), Map.of());
    }

    private BuildRequest request(String script) {
        return BuildRequest.builder()
                .workspace(workspace).outDir(out).outputs(List.of(new OutputGlob("dist/*.txt")))
                .command(List.of("/bin/sh", "-c", script)).tier(Tier.DEV).builderId("https://ci.example.com/hermetic")
                .timeout(Duration.ofMinutes(2)).build();
    }

    private static String log(BuildResult result) {
        try {
            return Files.readString(result.buildLog());
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
