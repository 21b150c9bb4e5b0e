package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar run with {@code java -jar} under Java 25 prints no "restricted method" warning
 * when sqlite-jdbc loads its native library: the manifest enables native access for the jar.
 */
class NativeAccessWarningIT {

    static final Path TEMURIN = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @Test
    void theManifestEnablesNativeAccessForTheJar() throws Exception {
        try (JarFile jar = new JarFile(System.getProperty("hermetic.jar"))) {
            assertEquals("ALL-UNNAMED", jar.getManifest().getMainAttributes().getValue("Enable-Native-Access"));
        }
    }

    @Test
    void aStoreQueryUnderJava25PrintsNoRestrictedMethodWarning(@TempDir Path dir) throws Exception {
        Tools.require("Temurin 25 at " + TEMURIN, Files.isExecutable(TEMURIN.resolve("bin/java")),
                "the JDK whose restricted-method warnings the manifest silences (as on the project's machines)");
        Path store = dir.resolve("store.db");
        Process p = new ProcessBuilder(TEMURIN.resolve("bin/java").toString(), "-jar", System.getProperty("hermetic.jar"),
                "store", "query", "--store", "jdbc:sqlite:" + store, "--build-id", "none")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        assertTrue(Files.exists(store), "sqlite-jdbc never opened the store, so its native library was not loaded: " + output);
        assertFalse(output.contains("WARNING"), output);
    }
}
