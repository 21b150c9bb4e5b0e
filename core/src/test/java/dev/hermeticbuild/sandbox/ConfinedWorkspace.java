package dev.hermeticbuild.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A workspace the build user can reach (JUnit's temp directories are root's, mode 0700), and a
 * way to run a command in it under a given confinement, for the build-user and limit tests.
 */
final class ConfinedWorkspace implements AutoCloseable {

    final Path dir;

    /** A workspace owned by the default build user. */
    ConfinedWorkspace() throws IOException {
        this(true);
    }

    /** A workspace owned by the build user, or by the runner (for unconfined controls). */
    ConfinedWorkspace(boolean ownedByBuildUser) throws IOException {
        dir = Files.createTempDirectory("hermetic-confined-test-");
        if (ownedByBuildUser) {
            BuildUser.DEFAULT.ownWritable(dir);
        }
    }

    /** These tests are about a root runner; under CI they must run as root, elsewhere they may skip. */
    static void requireRoot() {
        dev.hermeticbuild.RootRunner.require();
    }

    SandboxFixture.Result run(Sandbox sandbox, Confinement confinement, String... command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SandboxSpec spec = new SandboxSpec(dir, List.of(), SandboxFixture.env()).withConfinement(confinement);
        SandboxedProcess.Outcome outcome = SandboxedProcess.run(sandbox, spec, List.of(command), Duration.ofSeconds(60), out);
        return new SandboxFixture.Result(outcome.exitCode(), outcome.timedOut(), out.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        dev.hermeticbuild.FileTrees.deleteQuietly(dir);
    }
}
