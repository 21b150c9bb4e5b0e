package dev.hermeticbuild.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A build run by a root runner leaves a setuid shell in its workspace; on the host it must give
 * nothing: it belongs to the build user, not root. Inside, setuid binaries raise nothing
 * (no_new_privs, nosuid mounts). Each attack has an unconfined control showing it works.
 */
class BuildUserIsolationTest {

    private static final Confinement CONFINED = Confinement.of(BuildUser.DEFAULT, ResourceLimits.DEFAULTS);
    private static final Confinement AS_RUNNER = Confinement.NONE;

    static java.util.stream.Stream<Sandbox> sandboxes() {
        return SandboxFixture.namespaceSandboxes();
    }

    @BeforeEach
    void root() {
        ConfinedWorkspace.requireRoot();
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void aSetuidShellLeftInTheWorkspaceGivesNoOneRootOnTheHost(Sandbox sandbox) throws Exception {
        String plant = "cp /bin/sh ./sush && chmod 4755 ./sush && id -u > inside-uid";
        try (ConfinedWorkspace ws = new ConfinedWorkspace()) {
            SandboxFixture.Result r = ws.run(sandbox, CONFINED, "/bin/sh", "-c", plant);
            assertEquals(0, r.exitCode(), r.output());
            Path sush = ws.dir.resolve("sush");
            assertEquals(BuildUser.DEFAULT_ID, uid(sush), "the leftover belongs to the build user on the host");
            assertEquals(BuildUser.DEFAULT_ID, uid(ws.dir.resolve("inside-uid")));
            assertFalse(hostEuidRunning(sush).equals("0"), "the leftover must not give euid 0 to a local user");
        }
        try (ConfinedWorkspace control = new ConfinedWorkspace(false)) {
            SandboxFixture.Result r = control.run(sandbox, AS_RUNNER, "/bin/sh", "-c", plant);
            assertEquals(0, r.exitCode(), r.output());
            Path sush = control.dir.resolve("sush");
            assertEquals(0, uid(sush), "control: unconfined, the build's files are root's on the host");
            assertEquals("0", hostEuidRunning(sush), "control: a local user gets euid 0 from the leftover");
        }
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void aSetuidRootBinaryInsideRaisesNothingNoNewPrivsAndNosuidMounts(Sandbox sandbox) throws Exception {
        try (ConfinedWorkspace ws = new ConfinedWorkspace()) {
            Path rootId = ws.dir.resolve("rootid");
            Files.copy(Path.of("/usr/bin/id"), rootId);
            Files.setAttribute(rootId, "unix:uid", 0, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(rootId, "unix:gid", 0, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(rootId, "unix:mode", 04755, LinkOption.NOFOLLOW_LINKS);
            SandboxFixture.Result r = ws.run(sandbox, CONFINED, "/bin/sh", "-c",
                    "./rootid; grep NoNewPrivs /proc/self/status; grep ' /workspace ' /proc/self/mountinfo");
            assertEquals(0, r.exitCode(), r.output());
            assertFalse(r.output().contains("euid="), "a setuid binary changed the euid inside: " + r.output());
            assertTrue(r.output().contains("NoNewPrivs:\t1"), r.output());
            String mount = r.output().lines().filter(l -> l.contains(" /workspace ")).findFirst().orElseThrow();
            assertTrue(mount.matches(".* /workspace [^ ]*nosuid.*"), "the workspace is mounted nosuid: " + mount);

            String asLocalUser = hostRun(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", rootId.toString()));
            assertTrue(asLocalUser.contains("euid=0"), "control: on the host the same binary gives euid 0: " + asLocalUser);
        }
    }

    /** The effective uid a local unprivileged user (nobody) gets by running {@code shell -p -c 'id -u'} on the host. */
    private static String hostEuidRunning(Path shell) throws Exception {
        Files.setAttribute(shell.getParent(), "unix:mode", 0755, LinkOption.NOFOLLOW_LINKS);
        return hostRun(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                shell.toString(), "-p", "-c", "id -u")).strip();
    }

    private static String hostRun(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        p.waitFor();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int uid(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }
}
