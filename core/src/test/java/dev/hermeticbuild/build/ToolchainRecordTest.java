package dev.hermeticbuild.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.GitFixture;
import dev.hermeticbuild.PolicyException;
import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.provenance.ProvenanceJson;
import dev.hermeticbuild.provenance.Toolchain;
import dev.hermeticbuild.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The toolchains a build really ran with are recorded from the installations the runner read
 * and digested, never from what the build prints or leaves: real JDKs, real sandboxes.
 */
public class ToolchainRecordTest {

    static final Path TEMURIN = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @TempDir
    Path repo;
    @TempDir
    Path out;

    @BeforeEach
    void project() throws Exception {
        GitFixture.write(repo.resolve(".gitignore"), "dist/\nbin/\n");
        GitFixture.write(repo.resolve("build.sh"), "#!/bin/sh\nset -e\nmkdir -p dist\n"
                + "java -version 2> dist/path-java.txt\n"
                + "if [ -n \"$JAVA_HOME\" ]; then \"$JAVA_HOME/bin/java\" -version 2> dist/java-home.txt; fi\n");
        repo.resolve("build.sh").toFile().setExecutable(true);
        GitFixture.commitAll(repo, "https://git.example.com/app.git");
    }

    @Test
    void theJdkOnThePathIsRecordedWithTheVersionAndDigestOfItsInstallation() throws Exception {
        Path jdk = pathJdk();
        BuildResult result = build(Tier.RELEASE, List.of(), Map.of(), "./build.sh");
        JsonNode dep = onlyToolchain(result, "jdk");
        assertEquals(release(jdk, "JAVA_RUNTIME_VERSION"), dep.path("annotations").path("version").asText());
        assertEquals(release(jdk, "IMPLEMENTOR"), dep.path("annotations").path("vendor").asText());
        assertEquals(jdk.toString(), dep.path("annotations").path("path").asText());
        assertEquals("[\"PATH\"]", dep.path("annotations").path("via").toString());
        assertTrue(dep.path("annotations").path("shownReadOnly").asBoolean());
        assertEquals(jdk.toUri().toString().replaceAll("/$", ""), dep.path("uri").asText());
        assertEquals(dirHashByShell(jdk), dep.path("digest").path("dirHash").asText(), "the in-toto dirHash, as find|sort|sha256sum gives it");
        assertTrue(Files.readString(out.resolve("dist/path-java.txt")).contains(release(jdk, "JAVA_VERSION")));
        assertEquals(List.of(new Toolchain("jdk", release(jdk, "JAVA_RUNTIME_VERSION"), jdk.toString(),
                Map.of("dirHash", dirHashByShell(jdk)))), result.toolchains().stream().filter(t -> t.kind().equals("jdk")).toList());
    }

    @Test
    void nodeOnThePathIsRecordedWithWhatItReportsAndTheDigestOfItsBinary() throws Exception {
        Path node = Path.of("/usr/bin/node");
        Tools.require("node", Files.isExecutable(node), "Debian package nodejs (see .ci/run)");
        BuildResult result = build(Tier.DEV, List.of(), Map.of(), "./build.sh");
        JsonNode dep = onlyToolchain(result, "node");
        Process p = new ProcessBuilder(node.toString(), "--version").start();
        assertEquals(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip(),
                dep.path("annotations").path("version").asText());
        Process sum = new ProcessBuilder("sha256sum", node.toRealPath().toString()).start();
        assertEquals(new String(sum.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split(" ")[0],
                dep.path("digest").path("sha256").asText());
    }

    @Test
    void theRunnersOwnJvmIsNoLongerClaimedAsTheToolchain() throws Exception {
        BuildResult result = build(Tier.DEV, List.of(), Map.of(), "./build.sh");
        JsonNode version = statement(result).path("predicate").path("runDetails").path("builder").path("version");
        assertFalse(version.has("java"), version.toString());
        assertTrue(version.path("runner-jvm").asText().contains(System.getProperty("java.runtime.version")), version.toString());
    }

    @Test
    void aJavaHomePassedInIsRecordedBesideThePathJdkAndIsWhatTheBuildRuns() throws Exception {
        requireTwoJdks();
        BuildResult result = build(Tier.RELEASE, List.of("JAVA_HOME"), Map.of("JAVA_HOME", TEMURIN.toString()), "./build.sh");
        List<JsonNode> jdks = toolchains(result, "jdk");
        assertEquals(2, jdks.size(), jdks.toString());
        JsonNode home = jdks.get(0);
        assertEquals("[\"JAVA_HOME\"]", home.path("annotations").path("via").toString());
        assertEquals(TEMURIN.toString(), home.path("annotations").path("path").asText());
        assertEquals("Eclipse Adoptium", home.path("annotations").path("vendor").asText());
        assertEquals(dirHashByShell(TEMURIN), home.path("digest").path("dirHash").asText());
        assertEquals("[\"PATH\"]", jdks.get(1).path("annotations").path("via").toString());
        assertTrue(Files.readString(out.resolve("dist/java-home.txt")).contains(release(TEMURIN, "JAVA_VERSION")));
    }

    /** A build that shadows java on its PATH and tries to replace the real one changes what it runs, never the record. */
    @Test
    void aBuildThatShadowsOrReplacesJavaCannotChangeTheRecordedToolchain() throws Exception {
        Path jdk = pathJdk();
        GitFixture.write(repo.resolve("build.sh"), "#!/bin/sh\nmkdir -p dist bin\n"
                + "printf '#!/bin/sh\\necho fake-java 99\\n' > bin/java && chmod +x bin/java\n"
                + "PATH=\"$PWD/bin:$PATH\" java -version > dist/shadowed.txt 2>&1\n"
                + "for f in /usr/bin/java " + jdk + "/bin/java " + jdk + "/release; do\n"
                + "  if cp bin/java \"$f\" 2>/dev/null; then echo \"replaced $f\" >> dist/replaced.txt; fi\n"
                + "done\n"
                + "echo 'JAVA_RUNTIME_VERSION=\"99\"' >> " + jdk + "/release 2>/dev/null && echo appended >> dist/replaced.txt\n"
                + "exit 0\n");
        GitFixture.commitAll(repo, "https://git.example.com/app.git");
        BuildResult result = build(Tier.RELEASE, List.of(), Map.of(), "./build.sh");
        assertTrue(Files.readString(out.resolve("dist/shadowed.txt")).contains("fake-java 99"), "the build ran its own java");
        assertFalse(Files.exists(out.resolve("dist/replaced.txt")), "the installation is read-only in the sandbox");
        JsonNode dep = onlyToolchain(result, "jdk");
        assertEquals(release(jdk, "JAVA_RUNTIME_VERSION"), dep.path("annotations").path("version").asText());
        assertEquals(dirHashByShell(jdk), dep.path("digest").path("dirHash").asText());
    }

    /** A JAVA_HOME the build can write (its workspace) could be anything the build left: refused at release, marked at dev. */
    @Test
    void aJavaHomeInTheWorkspaceIsRefusedAtReleaseAndRecordedAsBuildControlledAtDev() throws Exception {
        PolicyException e = assertThrows(PolicyException.class,
                () -> build(Tier.RELEASE, List.of("JAVA_HOME"), Map.of("JAVA_HOME", "/workspace/jdk"), "true"));
        assertTrue(e.getMessage().contains("/workspace/jdk") && e.getMessage().contains("JAVA_HOME"), e.getMessage());
        assertFalse(Files.exists(out.resolve("provenance.json")));

        BuildResult dev = build(Tier.DEV, List.of("JAVA_HOME"), Map.of("JAVA_HOME", "/workspace/jdk"), "sh", "-c", "mkdir dist && echo > dist/a.txt");
        JsonNode home = toolchains(dev, "jdk").get(0);
        assertEquals("/workspace/jdk", home.path("annotations").path("path").asText());
        assertTrue(home.path("annotations").path("buildControlled").asBoolean(), home.toString());
    }

    /** The host path of the workspace is build-controlled too: an earlier build may have left a JDK there. */
    @Test
    void aJavaHomeLeftInTheHostWorkspaceIsBuildControlled() throws Exception {
        Path fake = FakeJdk.create(repo.resolve("jdk"), "17.0.99");
        GitFixture.commitAll(repo, "https://git.example.com/app.git");
        PolicyException e = assertThrows(PolicyException.class,
                () -> build(Tier.RELEASE, List.of("JAVA_HOME"), Map.of("JAVA_HOME", fake.toString()), "true"));
        assertTrue(e.getMessage().contains(fake.toString()), e.getMessage());
        BuildResult dev = build(Tier.DEV, List.of("JAVA_HOME"), Map.of("JAVA_HOME", fake.toString()), "sh", "-c", "mkdir dist && echo > dist/a.txt");
        assertTrue(toolchains(dev, "jdk").get(0).path("annotations").path("buildControlled").asBoolean());
    }

    /** A JDK outside the system directories is shown to the sandbox read-only at its own path. */
    @Test
    void aJavaHomeOutsideTheSystemDirectoriesIsShownReadOnly(@TempDir Path tools) throws Exception {
        Path fake = FakeJdk.create(tools.resolve("jdk"), "17.0.99");
        Files.setPosixFilePermissions(tools, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        GitFixture.write(repo.resolve("build.sh"), "#!/bin/sh\nset -e\nmkdir -p dist\n\"$JAVA_HOME/bin/java\" > dist/ran.txt\n"
                + "if touch \"$JAVA_HOME/planted\" 2>/dev/null; then echo writable > dist/ran.txt; fi\n");
        GitFixture.commitAll(repo, "https://git.example.com/app.git");
        BuildResult result = build(Tier.RELEASE, List.of("JAVA_HOME"), Map.of("JAVA_HOME", fake.toString()), "./build.sh");
        assertEquals("fake-jdk 17.0.99\n", Files.readString(out.resolve("dist/ran.txt")));
        assertFalse(Files.exists(fake.resolve("planted")));
        JsonNode home = toolchains(result, "jdk").get(0);
        assertEquals("17.0.99", home.path("annotations").path("version").asText());
        assertEquals(dirHashByShell(fake), home.path("digest").path("dirHash").asText());
    }

    private BuildResult build(Tier tier, List<String> passEnv, Map<String, String> host, String... command) {
        BuildRequest request = BuildRequest.builder()
                .workspace(repo).outDir(out).outputs(List.of(new OutputGlob("dist/*.txt"))).command(List.of(command))
                .tier(tier).builderId("https://ci.example.com/hermetic").passEnv(passEnv).timeout(Duration.ofMinutes(5))
                .build();
        BuildResult result = HermeticBuild.run(request, new ByteArrayOutputStream(), host);
        assertTrue(result.succeeded(), "the build failed: " + result.buildLog());
        return result;
    }

    static JsonNode statement(BuildResult result) throws IOException {
        return ProvenanceJson.mapper().readTree(result.provenanceFile().orElseThrow().toFile());
    }

    static List<JsonNode> toolchains(BuildResult result, String kind) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode dep : statement(result).path("predicate").path("buildDefinition").path("resolvedDependencies")) {
            if (dep.path("name").asText().equals("toolchain:" + kind)) {
                found.add(dep);
            }
        }
        return found;
    }

    private static JsonNode onlyToolchain(BuildResult result, String kind) throws IOException {
        List<JsonNode> found = toolchains(result, kind);
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    /** The JDK /usr/bin/java leads to on this machine (coreutils' readlink, not our code). */
    static Path pathJdk() throws Exception {
        Process p = new ProcessBuilder("readlink", "-f", "/usr/bin/java").start();
        String java = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        Tools.require("java on PATH", p.waitFor() == 0 && java.endsWith("/bin/java"), "Debian package openjdk-17-jdk-headless");
        return Path.of(java).getParent().getParent();
    }

    static void requireTwoJdks() throws Exception {
        Tools.require("a second JDK at " + TEMURIN, Files.isRegularFile(TEMURIN.resolve("release"))
                && !TEMURIN.equals(pathJdk()), "Temurin 25 installed at " + TEMURIN + " (as on the project's machines)");
    }

    static String release(Path jdk, String key) throws IOException {
        for (String line : Files.readAllLines(jdk.resolve("release"))) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).replace("\"", "");
            }
        }
        throw new AssertionError(key + " missing from " + jdk + "/release");
    }

    /** The in-toto dirHash as its specification states it, computed by coreutils. */
    public static String dirHashByShell(Path tree) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "find . -type f | cut -c3- | LC_ALL=C sort | xargs -r sha256sum | sha256sum | cut -f1 -d' '")
                .directory(tree.toFile()).start();
        String hash = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor());
        return hash;
    }
}
