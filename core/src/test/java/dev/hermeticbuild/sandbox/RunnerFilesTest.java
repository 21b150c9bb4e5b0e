package dev.hermeticbuild.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The runner's JDK and the egress probe reach the sandbox wherever the runner is installed: a
 * runner whose JDK and classes live under /tmp (which every sandbox masks with its own tmpfs),
 * in a mode-700 directory, still establishes each sandbox.
 */
class RunnerFilesTest {

    @TempDir
    Path installedUnderTmp;

    static java.util.stream.Stream<Sandbox> sandboxes() {
        return SandboxFixture.namespaceSandboxes();
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void aRunnerInstalledUnderTmpEstablishesTheSandbox(Sandbox sandbox) throws Exception {
        assertTrue(installedUnderTmp.startsWith("/tmp"), "this test is about a runner under /tmp: " + installedUnderTmp);
        Path jdk = installedUnderTmp.resolve("jdk");
        copyTree(RunnerFiles.jdk(), jdk);
        List<String> classpath = new java.util.ArrayList<>();
        for (Path source : new java.util.LinkedHashSet<>(List.of(codeSource(EgressCheck.class),
                codeSource(dev.hermeticbuild.HermeticException.class), codeSource(RunnerFilesTest.class)))) {
            Path copy = installedUnderTmp.resolve("classes-" + classpath.size());
            copyTree(source, copy);
            classpath.add(copy.toString());
        }

        Process child = new ProcessBuilder(jdk.resolve("bin/java").toString(),
                "-cp", String.join(":", classpath), ProbeFromAnywhere.class.getName(), sandbox.mechanism())
                .redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("java.home=" + jdk), "the child must run from the JDK under /tmp: " + out);
        assertTrue(out.contains("egressBlocked=true seccompMode=2"), out);
    }

    /** Run in a child JVM from wherever its classes are: establishes the named sandbox and prints what the probe saw. */
    static final class ProbeFromAnywhere {
        public static void main(String[] args) throws IOException {
            Sandbox sandbox = (args[0].equals("bubblewrap") ? SandboxChooser.bubblewrap() : SandboxChooser.unshare()).orElseThrow();
            Path workspace = Files.createTempDirectory("hbt-ws-");
            try {
                EgressReport report = EgressCheck.run(sandbox, new SandboxSpec(workspace, List.of(), SandboxFixture.env()));
                System.out.println("java.home=" + System.getProperty("java.home"));
                System.out.println("egressBlocked=" + report.egressBlocked() + " seccompMode=" + report.confinement().seccompMode());
            } finally {
                Files.delete(workspace);
            }
        }
    }

    private static Path codeSource(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** cp -a, with hard links where the file system allows them (a JDK is large). */
    private static void copyTree(Path from, Path to) throws IOException, InterruptedException {
        for (List<String> cmd : List.of(List.of("cp", "-al", from.toString(), to.toString()), List.of("cp", "-a", from.toString(), to.toString()))) {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() == 0) {
                return;
            }
            dev.hermeticbuild.FileTrees.deleteQuietly(to);
            if (cmd.contains("-a") && !cmd.contains("-al")) {
                throw new IOException(cmd + " failed: " + out);
            }
        }
    }
}
