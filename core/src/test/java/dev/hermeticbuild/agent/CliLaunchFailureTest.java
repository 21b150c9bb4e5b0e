package dev.hermeticbuild.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jar the java launcher cannot start exits 1, as a policy refusal does: the real launcher's
 * output must turn that into "could not start the hermetic CLI", never "refused by a policy check".
 */
class CliLaunchFailureTest {

    record Launch(int exit, String output) {
    }

    static Launch javaJar(Path jar) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-jar", jar.toString(), "build", "--", "true"))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Launch(p.waitFor(), output);
    }

    @Test
    void aJarWithoutMainClassIsALaunchFailure(@TempDir Path dir) throws Exception {
        Path thin = dir.resolve("hermetic.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream out = Files.newOutputStream(thin); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        Launch launch = javaJar(thin);
        assertEquals(1, launch.exit(), launch.output());
        String failure = BuildCommandLine.failure(launch.exit(), launch.output()).orElseThrow();
        assertTrue(failure.startsWith("could not start the hermetic CLI: java said \"no main manifest attribute"), failure);
        assertTrue(BuildCommandLine.reproducibilityFailure(launch.exit(), launch.output()).orElseThrow()
                .startsWith("could not start the hermetic CLI"));
    }

    @Test
    void aMissingJarIsALaunchFailure(@TempDir Path dir) throws Exception {
        Launch launch = javaJar(dir.resolve("absent.jar"));
        assertEquals(1, launch.exit(), launch.output());
        String failure = BuildCommandLine.failure(launch.exit(), launch.output()).orElseThrow();
        assertTrue(failure.startsWith("could not start the hermetic CLI: java said \"Error: Unable to access jarfile"), failure);
    }

    @Test
    void aPolicyRefusalStaysOne() {
        String cliOutput = "hermetic: release builds need a clean tree: 2 files modified\n";
        assertEquals(Optional.of("hermetic build refused by a policy check (reason above)"),
                BuildCommandLine.failure(1, cliOutput));
        assertEquals(Optional.of("the build command failed; no provenance was written"),
                BuildCommandLine.failure(4, "Error: the build's own message\n"));
        assertEquals(Optional.empty(), BuildCommandLine.failure(0, ""));
    }

    @Test
    void aMissingJavaSaysWhatTheAgentNeeds() {
        assertEquals("could not start the hermetic CLI: running 'java' on this agent failed (Cannot run program \"java\")"
                + "; the agent needs a Java 17 or newer on its PATH",
                BuildCommandLine.javaNotStarted("Cannot run program \"java\""));
    }
}
