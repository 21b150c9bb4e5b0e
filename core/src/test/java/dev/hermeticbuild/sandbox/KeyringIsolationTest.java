package dev.hermeticbuild.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The runner's kernel keyrings are out of the build's reach. The runner is started in a fresh
 * session keyring holding a secret key (keyctl from keyutils); the build tries to list, read,
 * update and add keys and to request one; the control, unsandboxed, does all of it.
 */
class KeyringIsolationTest {

    private static final String KEYCTL = "/usr/bin/keyctl";

    @TempDir
    Path workspace;

    static java.util.stream.Stream<Sandbox> sandboxes() {
        return SandboxFixture.namespaceSandboxes();
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void theBuildCannotReadWriteOrAddKeysOfTheRunnersSessionKeyring(Sandbox sandbox) {
        SandboxFixture.requireTool(KEYCTL, "keyutils");
        String name = "hbt-secret-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "hbt-key-content-" + UUID.randomUUID();

        SandboxFixture.Result inside = attempts(sandbox, name, secret);
        assertFalse(inside.output().substring(0, inside.output().indexOf("RUNNER-AFTER")).contains(secret),
                "the build read the runner's key: " + inside.output());
        for (String step : List.of("show", "print", "update", "add", "request", "search")) {
            assertFalse(inside.output().contains(step + "=0"), step + " succeeded inside: " + inside.output());
        }
        String procKeys = inside.output().substring(inside.output().indexOf("PROC-KEYS"), inside.output().indexOf("RUNNER-AFTER"));
        assertFalse(procKeys.contains(name), "the key's name is visible in /proc/keys: " + inside.output());
        String after = inside.output().substring(inside.output().indexOf("RUNNER-AFTER"));
        assertTrue(after.contains(secret), "the runner's key was changed: " + after);
        assertFalse(after.contains("user: hbt-planted"), "the build added a key to the runner's keyring: " + after);

        SandboxFixture.Result bare = attempts(new NoSandbox(), name, secret);
        for (String step : List.of("show", "print", "add")) {
            assertTrue(bare.output().contains(step + "=0"), "control: " + step + " works unsandboxed: " + bare.output());
        }
        assertTrue(bare.output().contains(secret), "control: the key is readable unsandboxed: " + bare.output());
        assertTrue(bare.output().substring(bare.output().indexOf("RUNNER-AFTER")).contains("user: hbt-planted"), bare.output());
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void procKeysIsMasked(Sandbox sandbox) {
        SandboxFixture.Result inside = SandboxFixture.run(sandbox, workspace, "/bin/sh", "-c",
                "wc -c < /proc/keys; wc -c < /proc/key-users; true");
        assertFalse(inside.output().lines().anyMatch(l -> l.matches("[1-9]\\d*")), "/proc/keys shows keys: " + inside.output());
        assertEquals(0, inside.exitCode());
    }

    /** The runner joins a new session keyring, adds the secret, runs the sandbox, then lists its keyring again. */
    private SandboxFixture.Result attempts(Sandbox sandbox, String name, String secret) {
        String runner = "keyctl add user " + name + " " + secret + " @s > /dev/null && \"$@\"; echo RUNNER-AFTER; "
                + "keyctl show @s; keyctl print %user:" + name + "; keyctl print %user:hbt-planted; true";
        List<String> prefix = List.of(KEYCTL, "session", "-", "/bin/sh", "-c", runner, "runner");
        String build = "keyctl show @s; echo show=$?; keyctl print %user:" + name + "; echo print=$?; "
                + "keyctl update %user:" + name + " pwned; echo update=$?; "
                + "keyctl add user hbt-planted pwned @s; echo add=$?; "
                + "keyctl request user " + name + "; echo request=$?; "
                + "keyctl search @s user " + name + "; echo search=$?; echo PROC-KEYS; cat /proc/keys; true";
        return SandboxFixture.runUnder(prefix, sandbox, workspace, "/bin/sh", "-c", build);
    }
}
