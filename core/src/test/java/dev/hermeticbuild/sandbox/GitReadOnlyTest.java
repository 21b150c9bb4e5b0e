package dev.hermeticbuild.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.PolicyException;
import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.build.BuildRequest;
import dev.hermeticbuild.build.BuildResult;
import dev.hermeticbuild.build.HermeticBuild;
import dev.hermeticbuild.build.Tier;
import dev.hermeticbuild.source.SourceInspector;
import dev.hermeticbuild.testing.GitCli;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dev build runs in place, but the {@code .git} the runner trusts later is read-only inside the
 * sandbox (every mechanism): the build cannot point {@code origin} elsewhere, add a hook or plant
 * a filter, and the runner's view afterwards is the same.
 */
class GitReadOnlyTest {

    /** Each attempt prints "NAME:written" or "NAME:denied". */
    private static final String ATTEMPTS = "#!/bin/sh\nmkdir -p dist\n"
            + "try() { name=$1; shift; if [ ! -e .git ]; then echo \"$name:absent\"; elif ( \"$@\" ) 2>/dev/null; then echo \"$name:written\";"
            + " else echo \"$name:denied\"; fi; }\n"
            + "{\n"
            + "try url sh -c 'git config remote.origin.url https://evil.example/app.git'\n"
            + "try config sh -c 'printf \"[filter \\\"x\\\"]\\n\\tclean = touch /tmp/pwned\\n\" >> .git/config'\n"
            + "try hook sh -c 'printf \"#!/bin/sh\\n\" > .git/hooks/post-checkout'\n"
            + "try remove sh -c 'rm -f .git/HEAD'\n"
            + "try replace sh -c 'mv .git .git-old'\n"
            + "} > dist/result.txt\n";

    @TempDir
    Path repo;
    @TempDir
    Path out;
    @TempDir
    Path home;
    GitCli git;

    @BeforeEach
    void project() throws Exception {
        git = new GitCli(home);
        Files.writeString(repo.resolve("build.sh"), ATTEMPTS);
        repo.resolve("build.sh").toFile().setExecutable(true);
        Files.writeString(repo.resolve(".gitignore"), "dist/\n");
        git.initAndCommitAll(repo);
        git.run(repo, "config", "remote.origin.url", "https://git.example.com/app.git");
    }

    @ParameterizedTest
    @MethodSource("dev.hermeticbuild.sandbox.SandboxFixture#namespaceSandboxes")
    void theBuildCannotWriteTheRepositorysGitDirectory(Sandbox sandbox) throws Exception {
        byte[] config = Files.readAllBytes(repo.resolve(".git/config"));
        String result = build(sandbox, repo);
        for (String attempt : List.of("url", "config", "hook", "remove", "replace")) {
            // as root the build runs as the build user in a copy that has no .git at all
            String expected = attempt + (BuildUser.DEFAULT.applies() ? ":absent" : ":denied");
            assertTrue(result.contains(expected), sandbox.mechanism() + ": " + result);
        }
        assertEquals(new String(config), Files.readString(repo.resolve(".git/config")));
        assertFalse(Files.exists(repo.resolve(".git/hooks/post-checkout")));
        assertEquals("https://git.example.com/app.git", SourceInspector.inspect(repo).remoteUrl().orElseThrow());
    }

    @ParameterizedTest
    @MethodSource("dev.hermeticbuild.sandbox.SandboxFixture#namespaceSandboxes")
    void aLinkedWorktreesGitfileIsReadOnlyAndItsGitDirectoryOutOfSight(Sandbox sandbox, @TempDir Path parent) throws Exception {
        Path worktree = parent.resolve("wt");
        git.run(repo, "worktree", "add", "-q", worktree.toString());
        String gitfile = Files.readString(worktree.resolve(".git"));
        Files.writeString(worktree.resolve("build.sh"), "#!/bin/sh\nmkdir -p dist\n{\n"
                + "if ( echo 'gitdir: /workspace/fake' > .git ) 2>/dev/null; then echo gitfile:written; else echo gitfile:denied; fi\n"
                + "if [ -e '" + repo.resolve(".git") + "' ]; then echo gitdir:visible; else echo gitdir:hidden; fi\n"
                + "} > dist/result.txt\n");
        String result = build(sandbox, worktree);
        assertTrue((result.contains("gitfile:denied") || BuildUser.DEFAULT.applies()) && result.contains("gitdir:hidden"),
                sandbox.mechanism() + ": " + result);
        assertEquals(gitfile, Files.readString(worktree.resolve(".git")));
    }

    @ParameterizedTest
    @MethodSource("dev.hermeticbuild.sandbox.SandboxFixture#namespaceSandboxes")
    void inASubdirectoryTheGitDirectoryIsOutOfSightAndAPlantedOneIsRemoved(Sandbox sandbox) throws Exception {
        Path app = Files.createDirectories(repo.resolve("app"));
        Files.writeString(app.resolve("build.sh"), "#!/bin/sh\nmkdir -p dist\n"
                + "if [ -e '" + repo.resolve(".git") + "' ] || [ -e ../.git ]; then echo gitdir:visible; else echo gitdir:hidden; fi"
                + " > dist/result.txt\n");
        app.resolve("build.sh").toFile().setExecutable(true);
        git.commitAll(repo);
        assertTrue(build(sandbox, app).contains("gitdir:hidden"));

        Files.writeString(app.resolve("build.sh"), "#!/bin/sh\nmkdir -p dist .git/refs .git/objects\n"
                + "echo 'ref: refs/heads/main' > .git/HEAD\necho planted > dist/result.txt\n");
        if (BuildUser.DEFAULT.applies()) {
            build(sandbox, app); // in the build user's copy: the planted .git never reaches the workspace
        } else {
            PolicyException e = assertThrows(PolicyException.class, () -> build(sandbox, app));
            assertTrue(e.getMessage().contains("created " + app.resolve(".git")), e.getMessage());
        }
        assertFalse(Files.exists(app.resolve(".git")), "the planted repository was removed");
    }

    /** The mechanism itself, without the build user: the workspace's .git shown read-only in place. */
    @ParameterizedTest
    @MethodSource("dev.hermeticbuild.sandbox.SandboxFixture#namespaceSandboxes")
    void theSandboxShowsTheGitDirectoryReadOnlyInPlace(Sandbox sandbox) throws Exception {
        byte[] config = Files.readAllBytes(repo.resolve(".git/config"));
        SandboxSpec spec = new SandboxSpec(repo, List.of(), SandboxFixture.env()).withReadOnlyInWorkspace(List.of(Path.of(".git")));
        var output = new ByteArrayOutputStream();
        SandboxedProcess.run(sandbox, spec, List.of("/bin/sh", "./build.sh"), Duration.ofMinutes(1), output);
        String result = Files.readString(repo.resolve("dist/result.txt"));
        for (String attempt : List.of("config", "hook", "remove", "replace")) {
            assertTrue(result.contains(attempt + ":denied"), sandbox.mechanism() + ": " + result + output);
        }
        assertEquals(new String(config), Files.readString(repo.resolve(".git/config")));
        assertFalse(Files.exists(repo.resolve(".git/hooks/post-checkout")));
    }

    private String build(Sandbox sandbox, Path workspace) throws Exception {
        BuildRequest request = BuildRequest.builder()
                .workspace(workspace).outDir(out).outputs(List.of(new OutputGlob("dist/result.txt")))
                .command(List.of("./build.sh")).tier(Tier.DEV).timeout(Duration.ofMinutes(2)).build();
        BuildResult result = HermeticBuild.run(request, () -> sandbox, new ByteArrayOutputStream(), Map.of());
        assertTrue(result.succeeded(), Files.readString(result.buildLog()));
        return Files.readString(out.resolve("dist/result.txt"));
    }
}
