package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/hermetic}'s start-up cache, run for real on a copy of the launcher and the packaged
 * jar under each JDK here: the first run of a command records it (Java 17: a static CDS archive;
 * Java 25: an AOT cache) without a word on stdout, later runs load it (proved by making the JVM
 * refuse to start without it), a changed jar gets a new one in place of the old, the launcher
 * never starts a JVM just to ask it about a flag, and only a server keeps the JIT's own thresholds.
 */
class LauncherStartupCacheIT {

    static final Path TEMURIN = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @TempDir
    Path home;

    @Test
    void java17RecordsLoadsAndRenewsADynamicArchive() throws Exception {
        Path jdk = Path.of(System.getProperty("java.home"));
        Tools.require("Java 17 running the tests", feature(jdk) >= 13 && feature(jdk) < 25,
                "the static class-data-sharing path of the launcher (tests run on Java 17 here)");
        walk(jdk, ".jsa", "-Xshare:on");
        aCacheThatCannotBeMadeIsNotTriedAgain(jdk);
    }

    @Test
    void java25RecordsLoadsAndRenewsAnAotCache() throws Exception {
        Tools.require("Temurin 25 at " + TEMURIN, Files.isRegularFile(TEMURIN.resolve("release")),
                "the ahead-of-time cache path of the launcher (as on the project's machines)");
        walk(TEMURIN, ".aot", "-XX:AOTMode=on");
        aCacheThatCannotBeMadeIsNotTriedAgain(TEMURIN);
    }

    /** The JVM refuses to create the cache: the command's own result stands, and later runs do not record again. */
    private void aCacheThatCannotBeMadeIsNotTriedAgain(Path jdk) throws Exception {
        Path cache = home.resolve("cli/target/startup");
        for (Path f : cacheFiles(cache)) {
            Files.delete(f);
        }
        Path log = home.resolve("refusing-invocations.log");
        Path java = home.resolve("refusing-jdk/bin/java");
        Files.createDirectories(java.getParent());
        Files.copy(jdk.resolve("release"), java.getParent().getParent().resolve("release"));
        Files.writeString(java, "#!/bin/sh\necho \"$*\" >> '" + log + "'\ncase \"$*\" in *-Xshare:dump*|*AOTMode=create*) exit 1 ;; esac\n"
                + "exec '" + jdk.resolve("bin/java") + "' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path launcher = home.resolve("bin/hermetic");

        Run first = keygen(launcher, java, Map.of(), "refused-1");
        assertEquals(0, first.exit(), first.output());
        List<Path> files = cacheFiles(cache);
        assertEquals(1, files.size(), files.toString());
        assertTrue(files.get(0).toString().endsWith(".keygen.failed"), files.toString());

        Files.delete(log);
        Run second = keygen(launcher, java, Map.of(), "refused-2");
        assertEquals(0, second.exit(), second.output());
        List<String> started = Files.readAllLines(log);
        assertEquals(1, started.size(), "a failed cache was recorded again: " + started);
        assertFalse(started.get(0).contains("DumpLoadedClassList") || started.get(0).contains("AOTMode"), started.get(0));
        Run failing = run(launcher, java, Map.of(), "verify", "--pub", home.resolve("absent.pub").toString(), "--bundle",
                home.resolve("absent.json").toString(), "--artifact", home.resolve("absent").toString());
        assertEquals(2, failing.exit(), "the launcher changed the command's exit code: " + failing.output());
    }

    private void walk(Path jdk, String suffix, String strictOption) throws Exception {
        Path launcher = home.resolve("bin/hermetic");
        Files.createDirectories(launcher.getParent());
        Files.copy(Path.of(System.getProperty("hermetic.root")).resolve("bin/hermetic"), launcher);
        Path jar = home.resolve("cli/target/hermetic.jar");
        Files.createDirectories(jar.getParent());
        Files.copy(Path.of(System.getProperty("hermetic.jar")), jar);
        Path log = home.resolve("java-invocations.log");
        Path java = recordingJava(jdk, log);
        Path cache = home.resolve("cli/target/startup");

        Run version = run(launcher, java, Map.of(), "--version");
        assertEquals(0, version.exit(), version.output());
        assertTrue(cacheFiles(cache).isEmpty(), "--version recorded a start-up cache: " + cacheFiles(cache));

        Run training = keygen(launcher, java, Map.of(), "first");
        assertEquals(0, training.exit(), training.output());
        assertFalse(training.output().contains("AOT") || training.output().contains("recorded"), training.output());
        List<Path> first = cacheFiles(cache);
        assertEquals(1, first.size(), first.toString());
        assertTrue(first.get(0).getFileName().toString().startsWith(Files.size(jar) + "-")
                && first.get(0).toString().endsWith(suffix), first.toString());

        Run strict = keygen(launcher, java, Map.of("JAVA_TOOL_OPTIONS", strictOption), "second");
        assertEquals(0, strict.exit(), "the JVM could not load the launcher's cache: " + strict.output());
        if (suffix.equals(".jsa")) {
            Run loaded = keygen(launcher, java, Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load"), "loaded");
            assertTrue(loaded.output().contains("picocli.CommandLine source: shared objects file"),
                    "picocli's Java 5 classes are not in the archive (a dynamic archive skips them): "
                            + loaded.output().lines().filter(l -> l.contains("picocli.CommandLine ")).toList());
        }
        Run versionAgain = run(launcher, java, Map.of("JAVA_TOOL_OPTIONS", strictOption), "--version");
        assertEquals(0, versionAgain.exit(), "--version does not use the cache there is: " + versionAgain.output());

        Run other = run(launcher, java, Map.of(), "pod-template", "--image", "registry.example/agent@sha256:" + "a".repeat(64),
                "--controller", "10.0.12.7:50000");
        assertEquals(0, other.exit(), other.output());
        List<Path> two = cacheFiles(cache);
        assertEquals(2, two.size(), "each subcommand records its own cache, the first one kept: " + two);
        assertTrue(two.contains(first.get(0)), two.toString());

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));
        Run rebuilt = keygen(launcher, java, Map.of(), "third");
        assertEquals(0, rebuilt.exit(), rebuilt.output());
        List<Path> renewed = cacheFiles(cache);
        assertEquals(1, renewed.size(), "the cache of the earlier jar was not replaced: " + renewed);
        assertNotEquals(first, renewed);
        Run strictAgain = keygen(launcher, java, Map.of("JAVA_TOOL_OPTIONS", strictOption), "fourth");
        assertEquals(0, strictAgain.exit(), "the JVM could not load the renewed cache: " + strictAgain.output());

        List<String> invocations = Files.readAllLines(log);
        assertFalse(invocations.isEmpty());
        for (String line : invocations) {
            assertTrue(line.contains(" -jar " + jar), "the launcher started a JVM that is not the CLI: " + line);
            assertTrue(line.contains("-XX:CompileThresholdScaling=10"), "a short command kept the JIT's start-up thresholds: " + line);
        }

        for (List<String> server : List.of(List.of("admission", "serve", "--help"), List.of("metrics", "--listen", "127.0.0.1:0", "--help"),
                List.of("metrics", "--listen=127.0.0.1:0", "--help"))) {
            Files.deleteIfExists(log);
            Run help = run(launcher, java, Map.of(), server.toArray(String[]::new));
            assertEquals(0, help.exit(), help.output());
            assertFalse(Files.readAllLines(log).isEmpty(), "no JVM was started for " + server);
            for (String line : Files.readAllLines(log)) {
                assertFalse(line.contains("CompileThresholdScaling"), "a server does not keep the JIT's own thresholds: " + line);
            }
        }
    }

    /** A JDK whose bin/java logs its arguments and runs the real one; its release file is the real one's. */
    private Path recordingJava(Path jdk, Path log) throws IOException {
        Path fake = home.resolve("jdk");
        Files.createDirectories(fake.resolve("bin"));
        Files.copy(jdk.resolve("release"), fake.resolve("release"));
        Path java = fake.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\necho \"$*\" >> '" + log + "'\nexec '" + jdk.resolve("bin/java") + "' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    private Run keygen(Path launcher, Path java, Map<String, String> env, String name) throws Exception {
        return run(launcher, java, env, "keygen", "--key", home.resolve(name + ".pem").toString(),
                "--pub", home.resolve(name + ".pub").toString());
    }

    private record Run(int exit, String output) {
    }

    private Run run(Path launcher, Path java, Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("HERMETIC_JAVA", java.toString());
        pb.environment().remove("HERMETIC_NO_STARTUP_CACHE");
        pb.environment().putAll(env);
        Path stderr = home.resolve("stderr.txt");
        pb.redirectError(stderr.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        return new Run(exit, out + "\n[stderr]\n" + Files.readString(stderr));
    }

    private static List<Path> cacheFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static int feature(Path jdk) throws IOException {
        for (String line : Files.readAllLines(jdk.resolve("release"))) {
            if (line.startsWith("JAVA_VERSION=")) {
                String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                return Integer.parseInt(v.split("[.]")[0]);
            }
        }
        return 0;
    }
}
