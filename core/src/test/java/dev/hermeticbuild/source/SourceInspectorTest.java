package dev.hermeticbuild.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceInspectorTest {

    @TempDir
    Path repo;

    @Test
    void recordsCommitTimeAndRemoteOfACleanTree() throws Exception {
        GitFixture.write(repo.resolve("app/Makefile"), "all:\n");
        String commit = GitFixture.commitAll(repo, "https://git.example.com/app.git");
        SourceState state = SourceInspector.inspect(repo.resolve("app"));
        assertEquals(commit, state.commit().orElseThrow());
        assertEquals(GitFixture.COMMIT_TIME.getEpochSecond(), state.commitTimeEpochSeconds().orElseThrow());
        assertEquals("https://git.example.com/app.git", state.remoteUrl().orElseThrow());
        assertEquals("app", state.pathInRepository());
        assertFalse(state.dirty());
    }

    @Test
    void namesChangedAndUntrackedFilesInsideTheWorkspaceOnly() throws Exception {
        GitFixture.write(repo.resolve("app/src/a.c"), "int a;\n");
        GitFixture.write(repo.resolve("other/b.c"), "int b;\n");
        GitFixture.write(repo.resolve(".gitignore"), "build/\n");
        GitFixture.commitAll(repo, null);
        Files.writeString(repo.resolve("app/src/a.c"), "int a = 1;\n");
        Files.writeString(repo.resolve("app/new.c"), "new\n");
        Files.writeString(repo.resolve("other/b.c"), "changed outside the workspace\n");
        GitFixture.write(repo.resolve("app/build/stale.o"), "stale\n");

        SourceState state = SourceInspector.inspect(repo.resolve("app"));
        assertTrue(state.dirty());
        assertEquals(List.of("src/a.c"), state.changed());
        assertEquals(List.of("new.c"), state.untracked());
        assertEquals(List.of("build"), state.ignored(), "ignored directories are named as a whole");
    }

    @Test
    void aDirectoryOutsideGitIsNotVersioned(@TempDir Path plain) {
        SourceState state = SourceInspector.inspect(plain);
        assertFalse(state.versioned());
    }

    @Test
    void lockfilesAtTheWorkspaceRootAreDigested() throws Exception {
        Files.writeString(repo.resolve("package-lock.json"), "{}\n");
        Files.writeString(repo.resolve("go.sum"), "");
        var found = Lockfiles.find(repo);
        assertEquals(List.of("package-lock.json", "go.sum"), found.stream().map(Lockfiles.Lockfile::name).toList());
        assertEquals("ca3d163bab055381827226140568f3bef7eaac187cebd76878e0b63e9e442356", found.get(0).sha256());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", found.get(1).sha256());
    }
}
