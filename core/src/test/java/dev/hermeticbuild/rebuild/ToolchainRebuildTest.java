package dev.hermeticbuild.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.GitFixture;
import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.build.BuildRequest;
import dev.hermeticbuild.build.BuildResult;
import dev.hermeticbuild.build.FakeJdk;
import dev.hermeticbuild.build.HermeticBuild;
import dev.hermeticbuild.provenance.ProvenanceJson;
import dev.hermeticbuild.provenance.Toolchain;
import dev.hermeticbuild.sandbox.BuildEnvironment;
import dev.hermeticbuild.sandbox.SandboxMode;
import dev.hermeticbuild.source.InstallationDigest;
import dev.hermeticbuild.source.ProvidedToolchain;
import dev.hermeticbuild.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild runs with the toolchain the original build had, found here by its digest, or does
 * not run at all: never a false mismatch from another JDK, never a path the provenance chose.
 */
class ToolchainRebuildTest {

    static final Path TEMURIN = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @TempDir
    Path repo;
    @TempDir
    Path out;
    @TempDir
    Path tools;

    @BeforeEach
    void project() throws Exception {
        Files.setPosixFilePermissions(tools, PosixFilePermissions.fromString("rwxr-xr-x"));
        GitFixture.write(repo.resolve(".gitignore"), "dist/\n");
        GitFixture.write(repo.resolve("build.sh"), "#!/bin/sh\nset -e\nmkdir -p dist\n\"$JAVA_HOME/bin/java\" -version > dist/version.txt 2>&1\n");
        repo.resolve("build.sh").toFile().setExecutable(true);
        GitFixture.commitAll(repo, "https://git.example.com/app.git");
    }

    @Test
    void aRebuildRunsWithTheRecordedJavaHomeWithoutTheRebuilderPassingItsOwn() throws Exception {
        requireTemurin();
        byte[] statement = build(TEMURIN);
        ReproducibilityReport report = rebuild(statement, Map.of());
        assertEquals(ReproducibilityReport.Status.REPRODUCIBLE, report.status(), report.toString());
        assertTrue(Files.readString(out.resolve("rebuild/rebuilt/dist/version.txt")).contains("25."));
    }

    /** The rebuilder has the other JDK where the provenance's was: refused before anything runs, naming both digests. */
    @Test
    void anotherJdkAtTheRecordedPathIsRefusedNamingBothDigests() throws Exception {
        requireTemurin();
        Path pathJdk = Path.of("/usr/bin/java").toRealPath().getParent().getParent();
        byte[] statement = build(TEMURIN);
        String temurinHash = InstallationDigest.of(TEMURIN).get("dirHash");
        String otherHash = InstallationDigest.of(pathJdk).get("dirHash");
        byte[] claimsOther = withToolchainDigest(statement, TEMURIN.toString(), otherHash);
        ToolchainUnavailableException e = assertThrows(ToolchainUnavailableException.class, () -> rebuild(claimsOther, Map.of()));
        assertTrue(e.getMessage().contains(otherHash) && e.getMessage().contains(temurinHash), e.getMessage());
        assertTrue(e.getMessage().contains("--toolchain jdk="), e.getMessage());
        assertFalse(Files.exists(out.resolve("rebuild/rebuilt")), "nothing was rebuilt");
        assertEquals(2, e.exitCode());
    }

    @Test
    void aJdkElsewhereIsUsedOnlyWhenTheRebuilderNamesItAndItsDigestIsTheRecordedOne() throws Exception {
        Path original = FakeJdk.create(tools.resolve("jdk-a"), "17.0.99");
        byte[] statement = build(original);

        ToolchainUnavailableException notNamed = assertThrows(ToolchainUnavailableException.class, () -> rebuild(statement, Map.of()));
        assertTrue(notNamed.getMessage().contains("not looked at"), notNamed.getMessage());

        Path changed = FakeJdk.create(tools.resolve("jdk-b"), "17.0.98");
        ToolchainUnavailableException differs = assertThrows(ToolchainUnavailableException.class,
                () -> rebuild(statement, Map.of("jdk", List.of(changed))));
        assertTrue(differs.getMessage().contains(InstallationDigest.of(changed).get("dirHash"))
                && differs.getMessage().contains(InstallationDigest.of(original).get("dirHash")), differs.getMessage());

        Path same = FakeJdk.create(tools.resolve("jdk-copy"), "17.0.99");
        ReproducibilityReport report = rebuild(statement, Map.of("jdk", List.of(changed, same)));
        assertEquals(ReproducibilityReport.Status.REPRODUCIBLE, report.status(), report.toString());
    }

    /** A provenance cannot make the rebuilder read (or show its sandbox) a directory the rebuilder did not name. */
    @Test
    void aProvenanceNamingAPrivateDirectoryAsItsToolchainIsNeverLookedAt(@TempDir Path secret) throws Exception {
        Path original = FakeJdk.create(tools.resolve("jdk-a"), "17.0.99");
        byte[] forged = withToolchainDigest(build(original), secret.toString(), InstallationDigest.of(secret).get("dirHash"));
        ToolchainUnavailableException e = assertThrows(ToolchainUnavailableException.class, () -> rebuild(forged, Map.of()));
        assertTrue(e.getMessage().contains(secret + " not looked at"), e.getMessage());
    }

    /** A JDK the original build found on PATH is put first on the rebuild's PATH when the rebuilder offers it elsewhere. */
    @Test
    void aMappedPathJdkLeadsTheRebuildsPath() throws Exception {
        Path offered = FakeJdk.create(tools.resolve("jdk-a"), "17.0.99");
        var recorded = new ProvidedToolchain(new Toolchain("jdk", "17.0.99", "/usr/lib/jvm/gone", InstallationDigest.of(offered)),
                Optional.empty(), List.of(ProvidedToolchain.VIA_PATH), false, true);
        ToolchainMatch.Choice choice = ToolchainMatch.choose(List.of(recorded), Map.of("jdk", List.of(offered)));
        assertEquals(Optional.of(offered.toRealPath().resolve("bin") + ":" + BuildEnvironment.PATH), choice.path());
        assertEquals(Map.of(), choice.environment());
    }

    private byte[] build(Path javaHome) throws Exception {
        BuildRequest request = BuildRequest.builder()
                .workspace(repo).outDir(out.resolve("original")).outputs(List.of(new OutputGlob("dist/*.txt")))
                .command(List.of("./build.sh")).builderId("https://ci.example.com/hermetic").passEnv(List.of("JAVA_HOME"))
                .timeout(Duration.ofMinutes(5)).build();
        BuildResult result = HermeticBuild.run(request, new ByteArrayOutputStream(), Map.of("JAVA_HOME", javaHome.toString()));
        assertTrue(result.succeeded(), "the original build failed: " + result.buildLog());
        return Files.readAllBytes(result.provenanceFile().orElseThrow());
    }

    private ReproducibilityReport rebuild(byte[] statement, Map<String, List<Path>> offered) {
        RecordedBuild recorded = RecordedBuild.parse(statement);
        var request = new Rebuilder.Request(recorded, repo, out.resolve("rebuild"), Optional.empty(), Optional.empty(), Set.of(),
                BuildRequest.DEFAULT_BUILDER_ID, SandboxMode.AUTO, Set.of(), offered, Optional.empty());
        return Rebuilder.rebuild(request, new ByteArrayOutputStream(), Map.of());
    }

    /** The statement with its JAVA_HOME toolchain moved to {@code path} and said to have {@code dirHash}. */
    private static byte[] withToolchainDigest(byte[] statement, String path, String dirHash) throws Exception {
        JsonNode s = ProvenanceJson.mapper().readTree(statement);
        for (JsonNode dep : s.path("predicate").path("buildDefinition").path("resolvedDependencies")) {
            if (dep.path("name").asText().equals("toolchain:jdk") && dep.path("annotations").path("via").toString().contains("JAVA_HOME")) {
                ((ObjectNode) dep.path("digest")).put("dirHash", dirHash);
                ((ObjectNode) dep.path("annotations")).put("path", path);
            }
        }
        return ProvenanceJson.mapper().writeValueAsString(s).getBytes(StandardCharsets.UTF_8);
    }

    private static void requireTemurin() {
        Tools.require("a second JDK at " + TEMURIN, Files.isRegularFile(TEMURIN.resolve("release")),
                "Temurin 25 installed at " + TEMURIN + " (as on the project's machines)");
    }
}
