package dev.hermeticbuild.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.GitFixture;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.PolicyException;
import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.provenance.ProvenanceJson;
import dev.hermeticbuild.sandbox.IsolationException;
import dev.hermeticbuild.sandbox.Sandbox;
import dev.hermeticbuild.sandbox.SandboxMode;
import dev.hermeticbuild.sandbox.SandboxSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walk of one build, end to end, in real sandboxes over real git repositories. */
class HermeticBuildTest {

    @TempDir
    Path repo;
    @TempDir
    Path out;
    String commit;

    @BeforeEach
    void project() throws Exception {
        GitFixture.write(repo.resolve("build.sh"), "#!/bin/sh\nset -e\nmkdir -p dist\necho \"artifact $SOURCE_DATE_EPOCH\" > dist/app.txt\n"
                + "echo built-ok\nenv | sort\n");
        repo.resolve("build.sh").toFile().setExecutable(true);
        GitFixture.write(repo.resolve(".gitignore"), "dist/\n");
        GitFixture.write(repo.resolve("package-lock.json"), "{\"lockfileVersion\":3,\"packages\":{\"\":{\"name\":\"app\"}}}\n");
        commit = GitFixture.commitAll(repo, "https://git.example.com/app.git");
    }

    /** CI puts tokens in clone URLs; a signed provenance is kept forever. */
    @Test
    void aCredentialInTheOriginUrlNeverReachesTheProvenance() throws Exception {
        var config = org.eclipse.jgit.api.Git.open(repo.toFile()).getRepository().getConfig();
        config.setString("remote", "origin", "url", "https://ci-bot:glpat-SECRET123@Git.Example.com/app.git?private_token=SECRET456");
        config.save();
        BuildResult result = build(request(Tier.DEV, SandboxMode.AUTO, "./build.sh"), Map.of());
        assertTrue(result.succeeded());
        String provenance = Files.readString(out.resolve("provenance.json"));
        assertFalse(provenance.contains("SECRET"), provenance);
        assertTrue(provenance.contains("\"git+https://git.example.com/app.git@refs/heads/main\""), provenance);
        assertFalse(Files.readString(out.resolve("sbom.cdx.json")).contains("SECRET"));
    }

    @Test
    void releaseBuildWritesProvenanceFromWhatTheRunnerObserved() throws Exception {
        BuildResult result = build(request(Tier.RELEASE, SandboxMode.AUTO, "./build.sh"), Map.of());
        assertTrue(result.succeeded());
        Path copied = out.resolve("dist/app.txt");
        assertEquals("artifact " + GitFixture.COMMIT_TIME.getEpochSecond() + "\n", Files.readString(copied));

        JsonNode p = ProvenanceJson.mapper().readTree(out.resolve("provenance.json").toFile());
        assertEquals("https://in-toto.io/Statement/v1", p.path("_type").asText());
        assertEquals("https://slsa.dev/provenance/v1", p.path("predicateType").asText());
        assertEquals("dist/app.txt", p.path("subject").get(0).path("name").asText());
        assertEquals(sha256sum(copied), p.path("subject").get(0).path("digest").path("sha256").asText());
        JsonNode def = p.path("predicate").path("buildDefinition");
        assertEquals("https://hermetic-build.dev/build/v1", def.path("buildType").asText());
        assertEquals("[\"./build.sh\"]", def.path("externalParameters").path("command").toString());
        assertEquals("release", def.path("externalParameters").path("tier").asText());
        JsonNode isolation = def.path("internalParameters").path("isolation");
        assertTrue(isolation.path("hermetic").asBoolean());
        assertTrue(isolation.path("egressBlocked").asBoolean());
        assertTrue(isolation.path("egressProbe").size() >= 5);
        JsonNode seccomp = isolation.path("seccomp");
        assertEquals(dev.hermeticbuild.sandbox.SeccompFilter.NAME, seccomp.path("filter").asText());
        assertEquals(dev.hermeticbuild.sandbox.SeccompFilter.forHost().programSha256(), seccomp.path("programSha256").asText());
        assertTrue(seccomp.path("deniedSyscalls").toString().contains("\"keyctl\""), seccomp.toString());
        assertEquals(2, seccomp.path("measured").path("seccompMode").asInt(), "as the probe measured it");
        assertEquals(Long.toString(GitFixture.COMMIT_TIME.getEpochSecond()),
                def.path("internalParameters").path("environment").path("SOURCE_DATE_EPOCH").asText());
        JsonNode source = def.path("resolvedDependencies").get(0);
        assertEquals("source", source.path("name").asText());
        assertEquals("git+https://git.example.com/app.git@refs/heads/main", source.path("uri").asText());
        assertEquals("git+https://git.example.com/app.git", def.at("/externalParameters/source/repository").asText());
        assertEquals("refs/heads/main", def.at("/externalParameters/source/ref").asText());
        assertEquals(commit, source.path("digest").path("gitCommit").asText());
        JsonNode lock = def.path("resolvedDependencies").get(1);
        assertEquals("package-lock.json", lock.path("name").asText());
        assertEquals(sha256sum(repo.resolve("package-lock.json")), lock.path("digest").path("sha256").asText());
        JsonNode run = p.path("predicate").path("runDetails");
        assertEquals("https://ci.example.com/hermetic", run.path("builder").path("id").asText());
        assertTrue(run.path("metadata").path("invocationId").asText().startsWith("urn:uuid:"));
        JsonNode log = run.path("byproducts").get(0);
        assertEquals(sha256sum(out.resolve("build.log")), log.path("digest").path("sha256").asText());
        assertEquals(0, log.path("annotations").path("exitCode").asInt());
    }

    @Test
    void aFailingCommandWritesNoProvenance() throws Exception {
        BuildResult result = build(request(Tier.DEV, SandboxMode.AUTO, "/bin/sh", "-c", "echo compiling; exit 7"), Map.of());
        assertFalse(result.succeeded());
        assertEquals(7, result.exitCode());
        assertTrue(result.statement().isEmpty());
        assertFalse(Files.exists(out.resolve("provenance.json")), "a failed build publishes no provenance");
        assertEquals(out.resolveSibling(out.getFileName() + ".failed").resolve("build.log"), result.buildLog());
        assertTrue(Files.readString(result.buildLog()).contains("compiling"));
        dev.hermeticbuild.FileTrees.deleteQuietly(result.buildLog().getParent());
    }

    @Test
    void aTimeoutIsAFailureWithoutProvenance() {
        BuildRequest r = request(Tier.DEV, SandboxMode.AUTO, "/bin/sh", "-c", "exec sleep 600");
        r = r.toBuilder().timeout(Duration.ofSeconds(1)).build();
        BuildResult result = build(r, Map.of());
        assertTrue(result.timedOut());
        assertFalse(Files.exists(out.resolve("provenance.json")));
    }

    @Test
    void releaseRefusesADirtyTreeNamingTheFilesAndRunsNothing() throws IOException {
        Files.writeString(repo.resolve("build.sh"), "#!/bin/sh\ntouch ran\n");
        Files.writeString(repo.resolve("notes.txt"), "untracked\n");
        PolicyException e = assertThrows(PolicyException.class, () -> build(request(Tier.RELEASE, SandboxMode.AUTO, "./build.sh"), Map.of()));
        assertTrue(e.getMessage().contains("build.sh") && e.getMessage().contains("notes.txt"), e.getMessage());
        assertEquals(1, e.exitCode());
        assertFalse(Files.exists(repo.resolve("ran")));
    }

    @Test
    void ignoredOutputOfAnEarlierBuildNeitherBlocksNorEntersARelease() throws Exception {
        GitFixture.write(repo.resolve("dist/app.txt"), "from an unsandboxed build");
        GitFixture.write(repo.resolve("dist/planted.txt"), "left by an earlier build");
        BuildResult result = build(request(Tier.RELEASE, SandboxMode.AUTO, "./build.sh"), Map.of());
        assertTrue(result.succeeded());
        assertEquals("artifact " + GitFixture.COMMIT_TIME.getEpochSecond() + "\n", Files.readString(out.resolve("dist/app.txt")));
        assertEquals(List.of("dist/app.txt"), result.artifacts().stream().map(a -> a.path()).toList(),
                "the export holds only the commit: the planted file is not there to be collected");
    }

    @Test
    void aReleaseBuildRunsTwiceInARowInTheSameCheckout() throws Exception {
        Files.writeString(repo.resolve("build.sh"), "#!/bin/sh\nset -e\nmkdir -p dist\necho artifact > dist/app.txt\n");
        GitFixture.commitAll(repo, null);
        BuildResult first = build(request(Tier.RELEASE, SandboxMode.AUTO, "./build.sh"), Map.of());
        String digest = first.artifacts().get(0).sha256();
        GitFixture.write(repo.resolve("dist/app.txt"), "ignored output in the checkout, as an in-place dev build leaves it");
        BuildResult second = build(request(Tier.RELEASE, SandboxMode.AUTO, "./build.sh"), Map.of());
        assertTrue(second.succeeded());
        assertEquals(digest, second.artifacts().get(0).sha256());
    }

    @Test
    void releaseRefusesAWorkspaceOutsideGit(@TempDir Path plain) {
        BuildRequest r = request(Tier.RELEASE, SandboxMode.AUTO, "true");
        BuildRequest outside = r.toBuilder().workspace(plain).outDir(out).build();
        assertThrows(PolicyException.class, () -> build(outside, Map.of()));
    }

    @Test
    void releaseRefusesToRunUnsandboxed() {
        InputException e = assertThrows(InputException.class, () -> build(request(Tier.RELEASE, SandboxMode.NONE, "./build.sh"), Map.of()));
        assertTrue(e.getMessage().contains("--sandbox none"), e.getMessage());
    }

    @Test
    void releaseDoesNotRunWhenTheProbeReachesTheHost() {
        // Test double: a "sandbox" whose namespaces silently failed to isolate anything.
        Sandbox leaky = new Sandbox() {
            public String mechanism() {
                return "leaky-test-double";
            }

            public boolean isolates() {
                return true;
            }

            public List<String> commandLine(SandboxSpec spec, List<String> command) {
                return command;
            }
        };
        IsolationException e = assertThrows(IsolationException.class, () -> HermeticBuild.run(
                request(Tier.RELEASE, SandboxMode.AUTO, "/bin/sh", "-c", "touch ran"), () -> leaky, new ByteArrayOutputStream(), Map.of()));
        assertEquals(3, e.exitCode());
        assertTrue(e.getMessage().contains("TCP to a host listener on IPv4 loopback"), e.getMessage());
        assertFalse(Files.exists(repo.resolve("ran")), "the build command ran although egress was open");
    }

    @Test
    void withoutNamespacesAReleaseBuildRunsOnlyWithTheExplicitOptInAndSaysSo() throws Exception {
        // Test double: what a locked-down pod without user namespaces gives (RuntimeDefault seccomp refuses unshare).
        java.util.function.Supplier<Sandbox> refused = () -> {
            throw new IsolationException("unshare: Operation not permitted");
        };
        BuildRequest release = request(Tier.RELEASE, SandboxMode.AUTO, "./build.sh");
        IsolationException e = assertThrows(IsolationException.class,
                () -> HermeticBuild.run(release, refused, new ByteArrayOutputStream(), Map.of()));
        assertEquals(3, e.exitCode());
        assertFalse(Files.exists(out.resolve("provenance.json")));

        BuildResult result = HermeticBuild.run(release.toBuilder().allowNetworkPolicyOnly(true).build(), refused, new ByteArrayOutputStream(), Map.of());
        assertTrue(result.succeeded());
        JsonNode def = ProvenanceJson.mapper().readTree(out.resolve("provenance.json").toFile()).path("predicate").path("buildDefinition");
        assertEquals("network-policy-only", def.path("externalParameters").path("isolationOptIn").asText());
        JsonNode isolation = def.path("internalParameters").path("isolation");
        assertEquals("network-policy-only", isolation.path("optIn").path("name").asText());
        assertTrue(isolation.path("optIn").path("reason").asText().contains("Operation not permitted"));
        assertFalse(isolation.path("hermetic").asBoolean(), "an opted-in build is never hermetic");
        assertFalse(isolation.path("egressBlocked").asBoolean(), "the probe records what it reached");
    }

    @Test
    void devBuildWithoutSandboxIsRecordedAsNotHermetic() throws Exception {
        BuildResult result = build(request(Tier.DEV, SandboxMode.NONE, "./build.sh"), Map.of());
        assertTrue(result.succeeded());
        assertFalse(result.egress().egressBlocked());
        JsonNode isolation = ProvenanceJson.mapper().readTree(out.resolve("provenance.json").toFile())
                .path("predicate").path("buildDefinition").path("internalParameters").path("isolation");
        assertEquals("none", isolation.path("mechanism").asText());
        assertEquals("none", isolation.path("seccomp").path("filter").asText());
        assertFalse(isolation.path("hermetic").asBoolean());
        assertFalse(isolation.path("egressBlocked").asBoolean());
    }

    @Test
    void theRunnersEnvironmentDoesNotLeakUnlessPassed() throws IOException {
        Map<String, String> host = Map.of("SECRET_TOKEN", "s3cr3t-value", "GIT_TOKEN", "other");
        build(request(Tier.DEV, SandboxMode.AUTO, "./build.sh"), host);
        String log = Files.readString(out.resolve("build.log"));
        assertFalse(log.contains("s3cr3t-value"), log);

        BuildRequest r = request(Tier.DEV, SandboxMode.AUTO, "./build.sh");
        BuildRequest passing = r.toBuilder().passEnv(List.of("SECRET_TOKEN")).build();
        build(passing, host);
        log = Files.readString(out.resolve("build.log"));
        assertTrue(log.contains("SECRET_TOKEN=s3cr3t-value"), log);
        assertFalse(log.contains("GIT_TOKEN"), log);
    }

    @Test
    void passingAnUnsetVariableIsAnInputError() {
        BuildRequest r = request(Tier.DEV, SandboxMode.AUTO, "./build.sh");
        BuildRequest passing = r.toBuilder().passEnv(List.of("NOT_SET_ANYWHERE")).build();
        InputException e = assertThrows(InputException.class, () -> build(passing, Map.of()));
        assertTrue(e.getMessage().contains("NOT_SET_ANYWHERE"), e.getMessage());
    }

    @Test
    void aLiteralOutputNamingARunnerFileIsRefusedBeforeTheBuildRuns() {
        for (String reserved : List.of("provenance.json", "./build.log", "dist/app.txt.sigstore.json")) {
            BuildRequest r = request(Tier.DEV, SandboxMode.AUTO, "/bin/sh", "-c", "touch ran");
            BuildRequest named = r.toBuilder().outputs(List.of(new OutputGlob(reserved))).build();
            InputException e = assertThrows(InputException.class, () -> build(named, Map.of()));
            assertTrue(e.getMessage().contains("'" + reserved + "'") && e.getMessage().contains("the build did not run"), e.getMessage());
            assertFalse(Files.exists(repo.resolve("ran")), reserved);
        }
    }

    @Test
    void theOutputDirectoryMayNotBeInsideTheWorkspace() {
        BuildRequest r = request(Tier.DEV, SandboxMode.AUTO, "./build.sh");
        BuildRequest inside = r.toBuilder().outDir(repo.resolve("out")).build();
        InputException e = assertThrows(InputException.class, () -> build(inside, Map.of()));
        assertTrue(e.getMessage().contains("inside the workspace"), e.getMessage());
    }

    @Test
    void theImageDigestIsRecordedAndMustBeWellFormed() throws Exception {
        String digest = "a".repeat(64);
        BuildRequest r = request(Tier.DEV, SandboxMode.AUTO, "./build.sh");
        BuildRequest withImage = r.toBuilder().imageDigest(Optional.of("registry.example.com/agent@sha256:" + digest)).build();
        build(withImage, Map.of());
        String json = Files.readString(out.resolve("provenance.json"));
        assertTrue(json.contains("\"uri\" : \"oci://registry.example.com/agent@sha256:" + digest + "\""), json);

        BuildRequest bad = r.toBuilder().imageDigest(Optional.of("registry.example.com/agent:latest")).build();
        InputException e = assertThrows(InputException.class, () -> build(bad, Map.of()));
        assertTrue(e.getMessage().contains("agent:latest"), e.getMessage());
    }

    private BuildRequest request(Tier tier, SandboxMode mode, String... command) {
        return BuildRequest.builder()
                .workspace(repo).outDir(out).outputs(List.of(new OutputGlob("dist/*.txt"))).command(List.of(command))
                .sandbox(mode).tier(tier).builderId("https://ci.example.com/hermetic").timeout(Duration.ofMinutes(5)).build();
    }

    private static BuildResult build(BuildRequest request, Map<String, String> host) {
        return HermeticBuild.run(request, new ByteArrayOutputStream(), host);
    }

    /** An independent digest: coreutils, not our own code. */
    private static String sha256sum(Path file) throws IOException {
        Process p = new ProcessBuilder("sha256sum", file.toString()).start();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split(" ")[0];
    }
}
