package dev.hermeticbuild.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every host mount the sandbox shows is read-only all the way down, and every mount is nosuid:
 * the test mounts tmpfs file systems under /etc and /usr/local on the host (the host can write
 * them: the control), and the build cannot write either.
 */
class ReadOnlyMountsTest {

    @TempDir
    Path workspace;

    static java.util.stream.Stream<Sandbox> sandboxes() {
        return SandboxFixture.namespaceSandboxes();
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void submountsOfSystemDirectoriesAreReadOnly(Sandbox sandbox) throws Exception {
        assumeTrue(SandboxFixture.isRoot(), "mounting under /etc and /usr needs root");
        String token = UUID.randomUUID().toString().substring(0, 8);
        List<Path> submounts = List.of(Path.of("/etc/hbt-sub-" + token), Path.of("/usr/local/hbt-sub-" + token));
        try {
            for (Path p : submounts) {
                Files.createDirectory(p);
                host("mount", "-t", "tmpfs", "-o", "size=1m,noexec", "hbt-test", p.toString());
                Files.writeString(p.resolve("original"), "original");
            }
            String script = "for d in " + submounts.get(0) + " " + submounts.get(1) + "; do echo pwned > $d/original; "
                    + "echo pwned > $d/planted && echo WROTE $d; done; grep hbt-sub- /proc/self/mountinfo; true";
            SandboxFixture.Result inside = SandboxFixture.run(sandbox, workspace, "/bin/sh", "-c", script);
            for (Path p : submounts) {
                assertEquals("original", Files.readString(p.resolve("original")), "the build changed " + p + ": " + inside.output());
                assertFalse(Files.exists(p.resolve("planted")), "the build wrote into " + p + ": " + inside.output());
                String line = inside.output().lines().filter(l -> l.contains(" " + p + " ")).findFirst().orElseThrow(
                        () -> new AssertionError(p + " is not mounted inside: " + inside.output()));
                String options = line.split(" ")[5];
                assertTrue(options.startsWith("ro,") && options.contains("nosuid") && options.contains("nodev"), line);
            }
            assertFalse(inside.output().contains("WROTE"), inside.output());

            for (Path p : submounts) {
                Files.writeString(p.resolve("control"), "the host can write here");
            }
        } finally {
            for (Path p : submounts) {
                if (Files.isDirectory(p)) {
                    host("umount", "-l", p.toString());
                    Files.delete(p);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void everyMountIsNosuidAndEveryHostMountReadOnly(Sandbox sandbox) {
        SandboxFixture.Result inside = SandboxFixture.run(sandbox, workspace, "/bin/sh", "-c", "cat /proc/self/mountinfo");
        List<String[]> mounts = inside.output().lines().map(l -> l.split(" ")).filter(f -> f.length > 6).toList();
        assertTrue(mounts.size() > 5, inside.output());
        for (String[] m : mounts) {
            String point = m[4];
            String options = m[5];
            assertTrue(options.contains("nosuid"), "not nosuid: " + String.join(" ", m));
            boolean writable = List.of("/workspace", "/tmp", "/var/tmp", "/run", "/home/builder", "/dev/shm", "/dev", "/dev/pts", "/proc").contains(point)
                    || (sandbox instanceof BubblewrapSandbox && point.startsWith("/dev/")); // see hostDeviceNodesCannotBeChangedButStillWork
            if (!writable) {
                assertTrue(options.startsWith("ro"), "writable: " + String.join(" ", m));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void hostDeviceNodesCannotBeChangedButStillWork(Sandbox sandbox) throws IOException {
        // bubblewrap 0.8 binds /dev/null & co. read-write and cannot remount them read-only without
        // nodev; a build mapped to their owner (host root) could chmod them: what stops that there is
        // the unprivileged build uid, not a mount flag.
        assumeTrue(!(sandbox instanceof BubblewrapSandbox) || !"root".equals(hostUidOfTheBuild(sandbox)),
                "bubblewrap as root: needs the unprivileged build uid");
        var before = Files.getPosixFilePermissions(Path.of("/dev/null"));
        try {
            SandboxFixture.Result inside = SandboxFixture.run(sandbox, workspace, "/bin/sh", "-c",
                    "chmod 600 /dev/null && echo CHMOD-WORKED; touch -d 2001-01-01 /dev/zero && echo TOUCH-WORKED; "
                            + "echo data > /dev/null && head -c 4 /dev/zero | wc -c");
            assertFalse(inside.output().contains("WORKED"), inside.output());
            assertEquals(before, Files.getPosixFilePermissions(Path.of("/dev/null")), "the build changed the host's /dev/null");
            assertTrue(inside.output().lines().anyMatch("4"::equals), "the devices must still work: " + inside.output());
            assertEquals(0, inside.exitCode(), inside.output());
        } finally {
            Files.setPosixFilePermissions(Path.of("/dev/null"), before);
        }
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void kernelSettingsInProcAreReadOnly(Sandbox sandbox) throws IOException {
        Path sysctl = Path.of("/proc/sys/kernel/printk_ratelimit");
        String before = Files.readString(sysctl).strip();
        SandboxFixture.Result inside = SandboxFixture.run(sandbox, workspace, "/bin/sh", "-c",
                "echo 4242 > " + sysctl + " && echo SYSCTL-WRITTEN; grep ' /proc/sys ' /proc/self/mountinfo");
        try {
            assertFalse(inside.output().contains("SYSCTL-WRITTEN"), inside.output());
            assertEquals(before, Files.readString(sysctl).strip(), "the build changed a host sysctl");
            assertTrue(inside.output().lines().anyMatch(l -> l.split(" ")[5].startsWith("ro,")), inside.output());
        } finally {
            if (SandboxFixture.isRoot()) {
                Files.writeString(sysctl, before + "\n");
            }
        }
    }

    /** Who the build is on the host: the owner of a file it creates in the workspace. */
    private String hostUidOfTheBuild(Sandbox sandbox) throws IOException {
        SandboxFixture.run(sandbox, workspace, "/bin/sh", "-c", "touch /workspace/owner-probe");
        String owner = Files.getOwner(workspace.resolve("owner-probe")).getName();
        Files.delete(workspace.resolve("owner-probe"));
        return owner;
    }

    private static void host(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }
}
