package dev.hermeticbuild.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.GitFixture;
import dev.hermeticbuild.artifacts.OutputGlob;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A release build refused for several reasons names them all in one error, each with its stable code, and runs nothing. */
class ReleaseRefusalsTest {

    static final String SHA = "b".repeat(64);

    @TempDir
    Path repo;
    @TempDir
    Path out;

    @Test
    void aDirtyTreeWithUnpinnedInputsIsRefusedForEveryReasonAtOnce() throws Exception {
        GitFixture.write(repo.resolve("build.sh"), "#!/bin/sh\ntouch ran\n");
        GitFixture.write(repo.resolve("hermetic.lock"), "a:b:jar:1.0-SNAPSHOT sha256=" + SHA + "\nc:d:jar:[1.0,2.0)\n");
        GitFixture.commitAll(repo, "https://git.example.com/app.git");
        Files.writeString(repo.resolve("build.sh"), "#!/bin/sh\ntouch ran changed\n");
        Files.writeString(repo.resolve("notes.txt"), "untracked\n");

        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class, () -> release());
        assertEquals(List.of("dirty-tree", "unpinned-input", "unpinned-input", "unpinned-input"), codes(e), e.getMessage());
        assertTrue(e.refusals().get(0).message().contains("build.sh") && e.refusals().get(0).message().contains("notes.txt"), e.getMessage());
        assertTrue(e.refusals().get(1).message().contains("hermetic.lock:1") && e.refusals().get(1).message().contains("SNAPSHOT"),
                e.getMessage());
        assertTrue(e.getMessage().startsWith("release build refused for 4 reasons:\n  [dirty-tree] "), e.getMessage());
        assertTrue(e.getMessage().contains("\n  [unpinned-input] hermetic.lock:2"), e.getMessage());
        assertEquals(1, e.exitCode());
        assertFalse(Files.exists(repo.resolve("ran")), "a refused release runs nothing");
    }

    @Test
    void aWorkspaceOutsideGitWithAnUnreadableLockIsRefusedForBoth() throws Exception {
        GitFixture.write(repo.resolve("hermetic.lock"), "this is not a coordinate\n");
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class, () -> release());
        assertEquals(List.of("not-in-git", "lock-invalid"), codes(e), e.getMessage());
        assertTrue(e.refusals().get(1).message().contains("hermetic.lock:1"), e.getMessage());
    }

    @Test
    void aLockProblemOfTheWorkingTreeNeverHidesTheDirtyTree(@TempDir Path elsewhere) throws Exception {
        GitFixture.write(repo.resolve("hermetic.lock"), "a:b:jar:1.0 sha256=" + SHA + "\n");
        GitFixture.commitAll(repo, "https://git.example.com/app.git");
        Files.writeString(repo.resolve("notes.txt"), "untracked\n");
        Path given = Files.writeString(elsewhere.resolve("app.hermetic.lock"), "a:b:jar:1.0 sha256=" + SHA + "\n");
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class,
                () -> HermeticBuild.run(request(Tier.RELEASE).toBuilder().lock(Optional.of(given)).build(), new ByteArrayOutputStream(), Map.of()));
        assertEquals(List.of("dirty-tree", "lock-invalid"), codes(e), e.getMessage());
        assertTrue(e.refusals().get(1).message().contains("--lock"), e.getMessage());
    }

    @Test
    void aCleanCommitWithSeveralUnpinnedInputsNamesEachBeforeTheSandboxIsSetUp() throws Exception {
        GitFixture.write(repo.resolve("build.sh"), "#!/bin/sh\ntouch ran\n");
        GitFixture.write(repo.resolve("hermetic.lock"), "a:b:jar:LATEST sha256=" + SHA + "\nc:d:jar:1.0 sha256=" + SHA + "\ne:f:jar:2.0\n");
        GitFixture.commitAll(repo, "https://git.example.com/app.git");
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class, () -> release());
        assertEquals(List.of("unpinned-input", "unpinned-input"), codes(e), e.getMessage());
        assertTrue(e.getMessage().contains("a:b:jar@LATEST") && e.getMessage().contains("e:f:jar@2.0"), e.getMessage());
    }

    @Test
    void aDevBuildOfTheSameWorkspaceIsNotRefused() throws Exception {
        GitFixture.write(repo.resolve("build.sh"), "#!/bin/sh\nmkdir -p dist\necho ok > dist/a.txt\n");
        repo.resolve("build.sh").toFile().setExecutable(true);
        GitFixture.write(repo.resolve("hermetic.lock"), "a:b:jar:1.0-SNAPSHOT sha256=" + SHA + "\n");
        GitFixture.commitAll(repo, "https://git.example.com/app.git");
        Files.writeString(repo.resolve("notes.txt"), "untracked\n");
        assertTrue(HermeticBuild.run(request(Tier.DEV), new ByteArrayOutputStream(), Map.of()).succeeded());
    }

    private void release() {
        HermeticBuild.run(request(Tier.RELEASE), new ByteArrayOutputStream(), Map.of());
    }

    private BuildRequest request(Tier tier) {
        return BuildRequest.builder()
                .workspace(repo).outDir(out).outputs(List.of(new OutputGlob("dist/*.txt"))).command(List.of("./build.sh"))
                .tier(tier).builderId("https://ci.example.com/hermetic").timeout(Duration.ofMinutes(5)).build();
    }

    private static List<String> codes(ReleaseRefusedException e) {
        return e.refusals().stream().map(r -> r.code().id()).toList();
    }
}
