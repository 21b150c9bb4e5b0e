package dev.hermeticbuild.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each limit stops a build that attacks it, in every namespace sandbox, as the build user; each
 * has a control under the default limits where the same command succeeds.
 */
class ResourceLimitsIsolationTest {

    /** Forks children that block on a pipe (no sleeping) until {@code n} exist or fork fails; prints how many. */
    private static final String FORK_BOMB = String.join("\n",
            "import os, sys",
            "r, w = os.pipe()",
            "n = 0",
            "try:",
            "    while n < int(sys.argv[1]):",
            "        if os.fork() == 0:",
            "            os.read(r, 1)",
            "            os._exit(0)",
            "        n += 1",
            "except OSError as e:",
            "    print('fork refused:', e)",
            "print('forked', n)");

    static java.util.stream.Stream<Sandbox> sandboxes() {
        return SandboxFixture.namespaceSandboxes();
    }

    @BeforeEach
    void root() {
        ConfinedWorkspace.requireRoot();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "the attacks need /usr/bin/python3 (Debian python3)");
    }

    private static Confinement limited(String assignment) {
        return Confinement.of(BuildUser.DEFAULT, ResourceLimits.DEFAULTS.with(assignment));
    }

    private static final Confinement DEFAULTS = Confinement.of(BuildUser.DEFAULT, ResourceLimits.DEFAULTS);

    @ParameterizedTest
    @MethodSource("sandboxes")
    void aForkBombIsStoppedByTheProcessLimit(Sandbox sandbox) throws Exception {
        try (ConfinedWorkspace ws = new ConfinedWorkspace()) {
            SandboxFixture.Result bombed = ws.run(sandbox, limited("nproc=64"), "/usr/bin/python3", "-c", FORK_BOMB, "300");
            assertTrue(bombed.output().contains("fork refused"), bombed.output());
            int forked = Integer.parseInt(bombed.output().replaceAll("(?s).*forked (\\d+).*", "$1"));
            assertTrue(forked < 64, "at most the limit: " + bombed.output());

            SandboxFixture.Result control = ws.run(sandbox, DEFAULTS, "/usr/bin/python3", "-c", FORK_BOMB, "300");
            assertTrue(control.output().contains("forked 300"), "control: 300 processes fit the default: " + control.output());
        }
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void aMemoryHogIsStoppedByTheMemoryLimit(Sandbox sandbox) throws Exception {
        String hog = "b = bytearray(1 << 30); b[-1] = 1; print('allocated', len(b))";
        try (ConfinedWorkspace ws = new ConfinedWorkspace()) {
            SandboxFixture.Result hogged = ws.run(sandbox, limited("memory=256m"), "/usr/bin/python3", "-c", hog);
            assertNotEquals(0, hogged.exitCode(), hogged.output());
            assertTrue(hogged.output().contains("MemoryError"), hogged.output());

            SandboxFixture.Result control = ws.run(sandbox, DEFAULTS, "/usr/bin/python3", "-c", hog);
            assertTrue(control.output().contains("allocated 1073741824"), "control: 1 GiB fits the default: " + control.output());
        }
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void aCpuSpinnerIsStoppedByTheCpuTimeLimit(Sandbox sandbox) throws Exception {
        try (ConfinedWorkspace ws = new ConfinedWorkspace()) {
            SandboxFixture.Result spun = ws.run(sandbox, limited("cpu=1"), "/usr/bin/python3", "-c", "while True: pass");
            assertFalse(spun.timedOut(), "the CPU limit, not the wall-clock timeout, ended it");
            assertNotEquals(0, spun.exitCode(), spun.output());
            if (sandbox.mechanism().equals("bubblewrap")) {
                assertEquals(128 + 24, spun.exitCode(), "killed by SIGXCPU: " + spun.output());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void aTenGigabyteSparseFileCannotBeWritten(Sandbox sandbox) throws Exception {
        try (ConfinedWorkspace ws = new ConfinedWorkspace()) {
            SandboxFixture.Result r = ws.run(sandbox, DEFAULTS, "/bin/sh", "-c", "truncate -s 10G big.img");
            assertNotEquals(0, r.exitCode(), r.output());
            assertTrue(Files.size(ws.dir.resolve("big.img")) < (1L << 30), "the sparse file was refused");
        }
        try (ConfinedWorkspace control = new ConfinedWorkspace(false)) {
            SandboxFixture.Result r = control.run(sandbox, Confinement.NONE, "/bin/sh", "-c", "truncate -s 10G big.img");
            assertEquals(0, r.exitCode(), r.output());
            assertEquals(10L << 30, Files.size(control.dir.resolve("big.img")), "control: unlimited, it is written");
        }
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void everyPrivateTmpfsIsSizeLimited(Sandbox sandbox) throws Exception {
        String fill = "for d in /tmp /var/tmp /run /dev/shm $HOME; do"
                + " if head -c 20000000 /dev/zero > $d/fill 2>/dev/null; then echo \"$d unlimited\"; else echo \"$d full\"; fi; rm -f $d/fill; done";
        try (ConfinedWorkspace ws = new ConfinedWorkspace()) {
            SandboxFixture.Result r = ws.run(sandbox, limited("tmpfs=8m"), "/bin/sh", "-c", fill);
            assertFalse(r.output().contains("unlimited"), r.output());
            assertEquals(5, r.output().lines().filter(l -> l.endsWith(" full")).count(), r.output());

            SandboxFixture.Result control = ws.run(sandbox, DEFAULTS, "/bin/sh", "-c", fill);
            assertEquals(5, control.output().lines().filter(l -> l.endsWith(" unlimited")).count(), "control: 20 MB fit 2 GiB: " + control.output());
        }
    }
}
