package dev.hermeticbuild.sandbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build has a session of its own and no controlling terminal, even when the runner sits on
 * one: it cannot open /dev/tty, nor push keystrokes into the runner's terminal with TIOCSTI. The
 * runner is put on a real pseudo-terminal (with_terminal.py); the control, unsandboxed, injects.
 */
class SessionIsolationTest {

    @TempDir
    Path workspace;

    @TempDir
    Path host;

    static java.util.stream.Stream<Sandbox> sandboxes() {
        return SandboxFixture.namespaceSandboxes();
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void noControllingTerminalAndNoKeystrokeInjection(Sandbox sandbox) throws IOException {
        String keys = "hbt-injected-" + UUID.randomUUID().toString().substring(0, 8);
        SandboxFixture.Result inside = onTerminal(sandbox, keys);
        assertTrue(inside.output().contains("tty= BLOCKED"), inside.output());
        assertTrue(inside.output().contains("tiocsti=" + keys + " BLOCKED"), inside.output());
        assertTrue(inside.output().contains("TERMINAL-INPUT b''"), "keystrokes reached the runner's terminal: " + inside.output());
        assertFalse(inside.output().contains(keys + "'"), inside.output());

        SandboxFixture.Result bare = onTerminal(new NoSandbox(), keys);
        assertTrue(bare.output().contains("tty= REACHED"), "control: an unsandboxed command opens the terminal: " + bare.output());
        assertTrue(bare.output().contains("TERMINAL-INPUT b'" + keys + "'"), "control: TIOCSTI injects unsandboxed: " + bare.output());
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void theBuildLeadsItsOwnSession(Sandbox sandbox) {
        SandboxFixture.Result inside = SandboxFixture.run(sandbox, workspace, "/bin/sh", "-c",
                "echo \"sid=$(cut -d' ' -f6 /proc/self/stat)\"");
        // a session led from outside the pid namespace shows as 0: the runner's session
        assertTrue(inside.output().lines().anyMatch(l -> l.matches("sid=[1-9]\\d*")), inside.output());
    }

    private SandboxFixture.Result onTerminal(Sandbox sandbox, String keys) throws IOException {
        SandboxFixture.requireTool("/usr/bin/python3", "python3");
        SandboxFixture.installEscapeScript(workspace);
        Path wrapper = SandboxFixture.installResource(host, "with_terminal.py");
        return SandboxFixture.runUnder(List.of("/usr/bin/python3", wrapper.toString()), sandbox, workspace,
                "/usr/bin/python3", "escape.py", "tty=", "tiocsti=" + keys);
    }
}
