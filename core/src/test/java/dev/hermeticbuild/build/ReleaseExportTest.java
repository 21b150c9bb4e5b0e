package dev.hermeticbuild.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.PolicyException;
import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.provenance.ProvenanceJson;
import dev.hermeticbuild.source.SourceExport;
import dev.hermeticbuild.source.SourceInspector;
import dev.hermeticbuild.source.SourceRepository;
import dev.hermeticbuild.testing.Fixtures;
import dev.hermeticbuild.testing.GitCli;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A release build builds the recorded commit, not the working tree: the index tricks and a
 * replaced tracked file that fool a status check (controls: git or JGit call the tree clean) are
 * seen by the runner's content comparison, and the export holds the commit's bytes regardless.
 */
class ReleaseExportTest {

    private static final String GOOD = "good\n";
    private static final String EVIL = "evil\n";

    @TempDir
    Path repo;
    @TempDir
    Path out;
    @TempDir
    Path home;
    @TempDir
    Path scratch;
    GitCli git;
    String commit;

    @BeforeEach
    void project() throws Exception {
        git = new GitCli(home);
        Files.writeString(repo.resolve("src.txt"), GOOD);
        Files.writeString(repo.resolve("build.sh"), "#!/bin/sh\nset -e\nmkdir -p dist\ncp src.txt dist/app.txt\n"
                + "if [ -e .git ]; then echo has-git > dist/git.txt; fi\n");
        repo.resolve("build.sh").toFile().setExecutable(true);
        Files.writeString(repo.resolve(".gitignore"), "dist/\n");
        commit = git.initAndCommitAll(repo);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--assume-unchanged", "--skip-worktree"})
    void anIndexFlagCannotHideAChange(String flag) throws Exception {
        git.run(repo, "update-index", flag, "src.txt");
        Files.writeString(repo.resolve("src.txt"), EVIL);
        assertEquals("", git.run(repo, "status", "--porcelain"), "control: git believes the index");
        assertRefusedAndExportHasTheCommitsBytes();
    }

    @Test
    void aRewrittenIndexCannotHideAChange() throws Exception {
        Files.writeString(repo.resolve("src.txt"), EVIL);
        Files.setLastModifiedTime(repo.resolve("src.txt"), FileTime.fromMillis(1_700_000_000_000L));
        try (Git plain = Git.open(repo.toFile())) {
            DirCache index = plain.getRepository().lockDirCache();
            DirCacheEntry entry = index.getEntry("src.txt");
            entry.setObjectId(ObjectId.fromString(git.run(repo, "rev-parse", "HEAD:src.txt")));
            entry.setLength(Files.size(repo.resolve("src.txt")));
            entry.setLastModified(Files.getLastModifiedTime(repo.resolve("src.txt")).toInstant());
            index.write();
            index.commit();
            assertTrue(plain.status().call().isClean(), "control: JGit's status believes the rewritten index");
        }
        assertRefusedAndExportHasTheCommitsBytes();
    }

    @Test
    void aReplacedTrackedFileWithTheSameSizeAndTimeIsSeen() throws Exception {
        FileTime time = Files.getLastModifiedTime(repo.resolve("src.txt"));
        Files.writeString(repo.resolve("src.txt"), EVIL);
        Files.setLastModifiedTime(repo.resolve("src.txt"), time);
        try (Git plain = Git.open(repo.toFile())) {
            assertTrue(plain.status().call().isClean(), "control: JGit's status goes by size and time");
        }
        assertRefusedAndExportHasTheCommitsBytes();
    }

    @Test
    void theReleaseBuildRunsInAnExportWithoutGitAndRecordsTheTree() throws Exception {
        BuildResult result = release(repo, "dist/*.txt");
        assertTrue(result.succeeded());
        assertEquals(List.of("dist/app.txt"), result.artifacts().stream().map(a -> a.path()).toList(), "no .git in the export");
        assertEquals(GOOD, Files.readString(out.resolve("dist/app.txt")));
        assertFalse(Files.exists(repo.resolve("dist")), "nothing was built in the checkout");
        JsonNode p = ProvenanceJson.mapper().readTree(out.resolve("provenance.json").toFile());
        JsonNode source = p.path("predicate").path("buildDefinition").path("resolvedDependencies").get(0);
        assertEquals(commit, source.path("digest").path("gitCommit").asText());
        assertEquals(git.run(repo, "rev-parse", "HEAD^{tree}"), source.path("digest").path("gitTree").asText());
        assertEquals("export", p.path("predicate").path("buildDefinition").path("internalParameters").path("sourceTree")
                .path("builtFrom").asText());
    }

    @Test
    void aWorkspaceInASubdirectoryBuildsThatDirectoryOfTheExport() throws Exception {
        Files.createDirectories(repo.resolve("app"));
        Files.writeString(repo.resolve("app/src.txt"), "sub\n");
        Files.copy(repo.resolve("build.sh"), repo.resolve("app/build.sh"));
        git.commitAll(repo);
        BuildResult result = release(repo.resolve("app"), "dist/app.txt");
        assertTrue(result.succeeded());
        assertEquals("sub\n", Files.readString(out.resolve("dist/app.txt")));
        JsonNode p = ProvenanceJson.mapper().readTree(out.resolve("provenance.json").toFile());
        assertEquals("app", p.path("predicate").path("buildDefinition").path("externalParameters").path("workingDirectory").asText());
    }

    @Test
    void theExportKeepsModesAndLinksAsStoredAndSetsTheCommitTime() throws Exception {
        Files.writeString(repo.resolve("tool.sh"), "#!/bin/sh\n");
        repo.resolve("tool.sh").toFile().setExecutable(true);
        Files.createSymbolicLink(repo.resolve("link"), Path.of("src.txt"));
        Files.createSymbolicLink(repo.resolve("outside"), Path.of("/etc/hostname"));
        Files.writeString(repo.resolve(".gitattributes"), "*.txt text eol=crlf\n");
        git.commitAll(repo);
        Path export = export();
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(export.resolve("tool.sh"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(export.resolve("src.txt"))));
        assertEquals(Path.of("src.txt"), Files.readSymbolicLink(export.resolve("link")));
        assertEquals(Path.of("/etc/hostname"), Files.readSymbolicLink(export.resolve("outside")), "kept as stored, never followed");
        assertEquals(GOOD, Files.readString(export.resolve("src.txt")), "no end-of-line conversion: the blob's bytes");
        assertFalse(Files.exists(export.resolve(".git")));
        assertEquals(1_772_600_767_000L, Files.getLastModifiedTime(export.resolve("src.txt")).toMillis());
    }

    @Test
    void aSubmoduleIsRefused(@TempDir Path other) throws Exception {
        Files.writeString(other.resolve("x"), "x\n");
        git.initAndCommitAll(other);
        git.run(repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", other.toString(), "lib");
        git.commitAll(repo);
        PolicyException e = assertThrows(PolicyException.class, () -> release(repo, "dist/app.txt"));
        assertTrue(e.getMessage().contains("submodule at lib"), e.getMessage());
    }

    private void assertRefusedAndExportHasTheCommitsBytes() throws Exception {
        assertEquals(List.of("src.txt"), SourceInspector.inspect(repo).changed());
        PolicyException e = assertThrows(PolicyException.class, () -> release(repo, "dist/app.txt"));
        assertTrue(e.getMessage().contains("src.txt"), e.getMessage());
        Path export = export();
        assertEquals(Fixtures.sha256(export.resolve("src.txt")), sha256Of(GOOD), "the export has the commit's bytes");
    }

    private Path export() {
        try (SourceRepository source = SourceRepository.open(repo)) {
            return SourceExport.export(source, source.head().orElseThrow(), "", scratch.resolve("export")).directory();
        }
    }

    private BuildResult release(Path workspace, String glob) {
        return HermeticBuild.run(BuildRequest.builder()
                .workspace(workspace).outDir(out).outputs(List.of(new OutputGlob(glob))).command(List.of("./build.sh"))
                .timeout(Duration.ofMinutes(5)).build(),
                new ByteArrayOutputStream(), Map.of());
    }

    private String sha256Of(String text) throws Exception {
        Path f = Files.writeString(scratch.resolve("expected"), text);
        return Fixtures.sha256(f);
    }
}
