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
import dev.hermeticbuild.sandbox.BuildUser;
import dev.hermeticbuild.sandbox.ResourceLimits;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole builds as a root runner: the build runs as the build user on a copy of the working tree,
 * its setuid leftovers reach neither the checkout nor OUT, and the output limits hold.
 */
class ConfinedBuildTest {

    private static final long GIB = 1L << 30;

    @TempDir
    Path repo;
    @TempDir
    Path out;

    @BeforeEach
    void project() throws Exception {
        GitFixture.write(repo.resolve("README"), "app\n");
        GitFixture.commitAll(repo, "https://git.example.com/app.git");
    }

    @Test
    void asRootTheBuildRunsAsTheBuildUserOnACopyAndItsSetuidShellReachesNeitherCheckoutNorOut() throws Exception {
        dev.hermeticbuild.RootRunner.require();
        BuildResult result = build(request("cp /bin/sh sush && chmod 6755 sush && id -u > uid && ls -ln sush", "sush", "uid"));
        assertTrue(result.succeeded());
        int mode = (Integer) Files.getAttribute(out.resolve("sush"), "unix:mode", LinkOption.NOFOLLOW_LINKS);
        assertEquals(0755, mode & 07777, "OUT's copy carries no setuid/setgid bit");
        assertFalse(Files.exists(repo.resolve("sush")), "the build ran on a copy: the checkout is untouched");
        assertEquals(0, (Integer) Files.getAttribute(repo, "unix:uid"), "the checkout is never re-owned");
        String log = Files.readString(result.buildLog());
        assertTrue(log.matches("(?s).*-rwsr-sr-x 1 \\d+ \\d+ .*sush.*"), "the build did make a setuid shell: " + log);

        JsonNode isolation = isolation();
        assertEquals(BuildUser.DEFAULT_ID, isolation.path("hostUid").asInt());
        assertEquals(BuildUser.DEFAULT_ID, isolation.path("hostGid").asInt());
        assertEquals("dedicated", isolation.path("buildUser").asText());
        assertTrue(isolation.path("buildTree").asText().startsWith("copy"), isolation.toString());
        JsonNode limits = isolation.path("limits");
        assertEquals("rlimit", limits.path("mechanism").asText());
        assertEquals(4096, limits.path("nproc").asLong());
        assertEquals(8 * GIB, limits.path("memoryBytes").asLong());
        assertEquals(7200, limits.path("cpuSeconds").asLong());
        assertEquals(8 * GIB, limits.path("fileSizeBytes").asLong());
        assertEquals(4 * GIB, limits.path("outputsBytes").asLong());
        assertEquals(2 * GIB, limits.path("tmpfsBytes").asLong());
        assertEquals(0, limits.path("coreBytes").asLong());
    }

    @Test
    void anotherBuildUidIsUsedAndRecorded() throws Exception {
        dev.hermeticbuild.RootRunner.require();
        BuildResult result = build(request("id -u > uid", "uid").toBuilder().buildUser(new BuildUser(64123, 64124)).build());
        assertTrue(result.succeeded());
        assertEquals(64123, isolation().path("hostUid").asInt());
        assertEquals(64124, isolation().path("hostGid").asInt());
    }

    @Test
    void aTenGigabyteSparseFileIsNeitherWrittenNorCopiedToOut() throws Exception {
        BuildResult result = build(request("truncate -s 10G big.img; echo truncate-exit=$?; ls -l big.img", "big.img"));
        assertTrue(result.succeeded(), Files.readString(result.buildLog()));
        assertTrue(Files.readString(result.buildLog()).contains("truncate-exit=153"), "SIGXFSZ stopped it: " + Files.readString(result.buildLog()));
        assertTrue(Files.size(out.resolve("big.img")) < GIB, "OUT never receives the 10 GB file");
    }

    @Test
    void outputsOverTheTotalLimitAreRefusedNamingTheOutputAndTheLimitAndNothingIsCopied() throws Exception {
        BuildRequest r = request("head -c 700000 /dev/zero > a.bin && head -c 700000 /dev/zero > b.bin", "*.bin")
                .toBuilder().buildUser(BuildUser.DEFAULT).limits(ResourceLimits.DEFAULTS.with("outputs=1m")).build();
        PolicyException e = assertThrows(PolicyException.class, () -> build(r));
        assertTrue(e.getMessage().contains("1048576 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("a.bin") || e.getMessage().contains("b.bin"), e.getMessage());
        assertFalse(Files.exists(out.resolve("a.bin")));
        assertFalse(Files.exists(out.resolve("b.bin")));
        assertFalse(Files.exists(out.resolve("provenance.json")));
    }

    @Test
    void aSparseFileUnderTheFileLimitButOverTheOutputsLimitIsRefusedBeforeCopying() {
        BuildRequest r = request("truncate -s 5G big.img", "big.img");
        PolicyException e = assertThrows(PolicyException.class, () -> build(r));
        assertTrue(e.getMessage().contains("big.img") && e.getMessage().contains(Long.toString(4 * GIB)), e.getMessage());
        assertFalse(Files.exists(out.resolve("big.img")));
    }

    private JsonNode isolation() throws Exception {
        JsonNode p = ProvenanceJson.mapper().readTree(out.resolve("provenance.json").toFile());
        return p.path("predicate").path("buildDefinition").path("internalParameters").path("isolation");
    }

    private BuildRequest request(String script, String... outputs) {
        return BuildRequest.builder()
                .workspace(repo).outDir(out).outputs(List.of(outputs).stream().map(OutputGlob::new).toList())
                .command(List.of("/bin/sh", "-c", script)).tier(Tier.DEV).builderId("https://ci.example.com/hermetic")
                .timeout(Duration.ofMinutes(5)).build();
    }

    private static BuildResult build(BuildRequest request) {
        return HermeticBuild.run(request, new ByteArrayOutputStream(), Map.of());
    }
}
