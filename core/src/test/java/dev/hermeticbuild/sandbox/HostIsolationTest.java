package dev.hermeticbuild.sandbox;

import dev.hermeticbuild.testing.Tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Host secrets, host files and host processes are out of the build's reach; the build's own
 * environment is fixed. Each escape is attempted for real, with an unsandboxed control where
 * the attempt could otherwise pass for the wrong reason.
 */
class HostIsolationTest {

    @TempDir
    Path workspace;

    static java.util.stream.Stream<Sandbox> sandboxes() {
        return SandboxFixture.namespaceSandboxes();
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void homeSshMavenSettingsRootAndOtherHomesAreNotReadable(Sandbox sandbox) throws IOException {
        String secret = "hbt-secret-content-" + UUID.randomUUID();
        String name = UUID.randomUUID().toString().substring(0, 8);
        Path home = Path.of(System.getProperty("user.home"));
        Path sshKey = home.resolve(".ssh/hbt-test-key-" + name);
        Path settings = home.resolve(".m2/hbt-test-settings-" + name + ".xml");
        Path rootFile = Path.of("/root/hbt-test-" + name);
        Path otherHome = Path.of("/home/hbt-test-user-" + name + "/secret");
        List<Path> planted = new java.util.ArrayList<>(List.of(sshKey, settings, otherHome));
        if (SandboxFixture.isRoot()) {
            planted.add(rootFile);
        }
        try {
            for (Path p : planted) {
                Files.createDirectories(p.getParent());
                Files.writeString(p, secret);
            }
            String reads = "for f in " + String.join(" ", planted.stream().map(Path::toString).toList())
                    + " /etc/shadow /etc/gshadow; do cat \"$f\"; done; ls -a /root /home; cat ~/.m2/settings.xml; true";

            SandboxFixture.Result inside = SandboxFixture.run(sandbox, workspace, "/bin/sh", "-c", reads);
            assertFalse(inside.output().contains(secret), "a host secret leaked: " + inside.output());
            assertTrue(inside.output().contains("/home/hbt-test-user-" + name + "/secret: No such file"), inside.output());
            assertFalse(inside.output().lines().anyMatch(l -> l.equals("hbt-test-user-" + name)), "another user's home is visible: " + inside.output());
            assertFalse(inside.output().matches("(?s).*root:[^:\\n]*:\\d+:.*"), "/etc/shadow is readable: " + inside.output());

            SandboxFixture.Result bare = SandboxFixture.run(new NoSandbox(), workspace, "/bin/sh", "-c", reads);
            assertTrue(bare.output().contains(secret), "control: the planted secrets must be readable without a sandbox");
        } finally {
            for (Path p : planted) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(otherHome.getParent());
        }
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void noWritesOutsideTheWorkspaceNotEvenToRootOwnedHostFiles(Sandbox sandbox) throws IOException {
        Tools.require("root", SandboxFixture.isRoot(), "root-owned host files are the point of this test");
        String token = UUID.randomUUID().toString();
        Path etcFile = Path.of("/etc/hbt-test-" + token);
        Path usrFile = Path.of("/usr/local/hbt-test-" + token);
        Files.writeString(etcFile, "original");
        Files.writeString(usrFile, "original");
        try {
            String script = "echo pwned > " + etcFile + "; echo pwned > " + usrFile + "; touch /usr/bin/hbt-" + token
                    + "; mount -o remount,rw / ; mount -o remount,rw /usr; echo pwned > " + usrFile
                    + "; echo ok > /tmp/t && echo TMP-WRITABLE; echo ok > $HOME/h && echo HOME-WRITABLE"
                    + "; echo built > /workspace/out.txt; true";
            SandboxFixture.Result inside = SandboxFixture.run(sandbox, workspace, "/bin/sh", "-c", script);
            assertEquals("original", Files.readString(etcFile), "a root-owned file in /etc was modified");
            assertEquals("original", Files.readString(usrFile), "a root-owned file in /usr was modified");
            assertFalse(Files.exists(Path.of("/usr/bin/hbt-" + token)));
            assertTrue(inside.output().contains("TMP-WRITABLE"), inside.output());
            assertTrue(inside.output().contains("HOME-WRITABLE"), inside.output());
            assertEquals("built\n", Files.readString(workspace.resolve("out.txt")), "the workspace must stay writable");
        } finally {
            Files.deleteIfExists(etcFile);
            Files.deleteIfExists(usrFile);
        }
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void tmpAndHomeArePrivateAndEmpty(Sandbox sandbox) throws IOException {
        Path marker = Files.createTempFile("hbt-host-tmp-", ".txt");
        try {
            SandboxFixture.Result inside = SandboxFixture.run(sandbox, workspace, "/bin/sh", "-c",
                    "ls -A /tmp /var/tmp /run $HOME; echo inside > /tmp/" + marker.getFileName() + "; echo END");
            assertFalse(inside.output().contains("hbt-host-tmp-"), "the host's /tmp is visible: " + inside.output());
            assertEquals("", Files.readString(marker), "the sandbox's /tmp must not be the host's");
        } finally {
            Files.deleteIfExists(marker);
        }
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void cannotSeeOrSignalHostProcesses(Sandbox sandbox) throws Exception {
        Process hostProcess = new ProcessBuilder("sleep", "600").start();
        try {
            long pid = hostProcess.pid();
            SandboxFixture.Result inside = SandboxFixture.run(sandbox, workspace, "/bin/sh", "-c",
                    "kill -9 " + pid + " && echo KILLED; ls /proc | grep -c '^[0-9]'; cat /proc/1/cmdline | tr '\\0' ' '; echo");
            assertFalse(inside.output().lines().anyMatch("KILLED"::equals), inside.output());
            assertTrue(hostProcess.isAlive(), "the sandbox killed a host process");
            int visible = Integer.parseInt(inside.output().lines().filter(l -> l.matches("\\d+")).findFirst().orElseThrow());
            assertTrue(visible <= 4, "host processes are visible inside (" + visible + " pids): " + inside.output());
        } finally {
            hostProcess.destroyForcibly().waitFor();
        }
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void timeoutKillsTheWholeTreeIncludingDaemons(Sandbox sandbox) throws Exception {
        String token = "3600." + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        SandboxFixture.Result inside = SandboxFixture.run(sandbox, workspace, Duration.ofSeconds(2), "/bin/sh", "-c",
                "setsid sleep " + token + " > /dev/null 2>&1 < /dev/null & (sleep " + token + " &) ; echo STARTED; exec sleep " + token);
        assertTrue(inside.timedOut(), "the command should have timed out");
        assertTrue(inside.output().contains("STARTED"), inside.output());
        assertTrue(noProcessWith(token), "a process of the timed-out build survived");
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void daemonsLeftBehindDieWithTheBuild(Sandbox sandbox) throws Exception {
        String token = "3600." + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L);
        SandboxFixture.Result inside = SandboxFixture.run(sandbox, workspace, "/bin/sh", "-c",
                "setsid sleep " + token + " > /dev/null 2>&1 < /dev/null & echo LEFT-A-DAEMON");
        assertEquals(0, inside.exitCode(), inside.output());
        assertTrue(noProcessWith(token), "a daemon the build left behind survived it");
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void determinismAidsAreFixed(Sandbox sandbox) {
        SandboxFixture.Result inside = SandboxFixture.run(sandbox, workspace, "/bin/sh", "-c",
                "echo \"$SOURCE_DATE_EPOCH|$TZ|$LC_ALL|$PATH|$HOME\"; umask; cat /proc/sys/kernel/hostname; pwd");
        List<String> lines = inside.output().lines().toList();
        assertEquals("1700000000|UTC|C.UTF-8|" + BuildEnvironment.PATH + "|/home/builder", lines.get(0));
        assertEquals("0022", lines.get(1));
        assertEquals("hermetic", lines.get(2));
        assertEquals("/workspace", lines.get(3));
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void noCapabilitiesAndNoNewPrivileges(Sandbox sandbox) {
        SandboxFixture.Result inside = SandboxFixture.run(sandbox, workspace, "/bin/sh", "-c", "grep -E '^(CapEff|CapBnd|NoNewPrivs)' /proc/self/status");
        assertTrue(inside.output().contains("CapEff:\t0000000000000000"), inside.output());
        assertTrue(inside.output().contains("CapBnd:\t0000000000000000"), inside.output());
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void theSandboxCannotBeEstablishedWithoutItsTools(Sandbox sandbox) {
        Sandbox broken = sandbox instanceof BubblewrapSandbox
                ? new BubblewrapSandbox(Path.of("/nonexistent/bwrap"))
                : new UnshareSandbox(Path.of("/usr/bin/unshare"), Path.of("/usr/bin/perl"), Path.of("/nonexistent/mountpoint"),
                        java.util.Optional.of(SeccompFilter.forHost()));
        var spec = new SandboxSpec(workspace, List.of(), SandboxFixture.env());
        IsolationException e = org.junit.jupiter.api.Assertions.assertThrows(IsolationException.class, () -> EgressCheck.run(broken, spec));
        assertTrue(e.getMessage().contains(sandbox.mechanism()), e.getMessage());
        assertEquals(3, e.exitCode());
    }

    /** Waits (bounded) for the kernel to finish tearing down a pid namespace, then looks for the token. */
    private static boolean noProcessWith(String token) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            boolean found = ProcessHandle.allProcesses()
                    .anyMatch(p -> p.info().commandLine().orElse("").contains(token)
                            || p.info().arguments().map(a -> String.join(" ", a).contains(token)).orElse(false));
            if (!found) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }
}
