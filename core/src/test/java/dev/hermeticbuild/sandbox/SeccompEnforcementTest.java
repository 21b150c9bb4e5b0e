package dev.hermeticbuild.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kernel enforces the {@link SeccompFilter}: every denied call is made for real (python's
 * ctypes, syscalls.py) inside each mechanism and answered EPERM (ENOSYS for clone3), and the same
 * calls made unsandboxed are not. Run as root with every capability, under the filter alone, the
 * calls still fail: the denial is the filter's, not a missing capability's.
 */
class SeccompEnforcementTest {

    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path workspace;

    static java.util.stream.Stream<Sandbox> sandboxes() {
        return SandboxFixture.namespaceSandboxes();
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void everyDeniedCallFailsInsideAndTheControlIsNotDenied(Sandbox sandbox) throws IOException {
        SandboxFixture.requireTool(PYTHON, "python3");
        SandboxFixture.installResource(workspace, "syscalls.py");
        Map<String, String> inside = answers(SandboxFixture.run(sandbox, workspace, command()).output());
        Map<String, String> bare = answers(SandboxFixture.run(new NoSandbox(), workspace, command()).output());
        for (String call : deniedCalls()) {
            assertEquals(expectedDenial(call, bare), inside.get(call), call + " inside " + sandbox.mechanism());
        }
        assertTrue(inside.get("clone-plain").startsWith("ok"), "an ordinary fork must work: " + inside);
        assertTrue(inside.get("unshare-fs").startsWith("ok"), inside.toString());
        assertTrue(inside.get("personality-query").startsWith("ok"), inside.toString());

        for (String call : unprivilegedCalls()) {
            assertNotEquals("errno EPERM", bare.get(call), "control: " + call + " unsandboxed");
        }
        if (SandboxFixture.isRoot()) {
            for (String call : deniedCalls()) {
                assertNotEquals("errno EPERM", bare.get(call), "control: " + call + " unsandboxed as root");
            }
        }
    }

    /**
     * How the filter answers {@code call}: ENOSYS for clone3 (so that libc falls back to clone),
     * EPERM for the rest. A kernel without IA-32 emulation (booted {@code ia32_emulation=0}, as
     * some VMs are) kills {@code int 0x80} with SIGSEGV before any filter sees it; there the call
     * cannot be made at all, unsandboxed ({@code bare}) or inside, and that is what is expected.
     */
    private static String expectedDenial(String call, Map<String, String> bare) {
        if (call.equals("i386-getpid") && "died 11".equals(bare.get(call))) {
            return "died 11";
        }
        return call.equals("clone3") ? "errno ENOSYS" : "errno EPERM";
    }

    @Test
    void theFilterAloneDeniesEveryCallEvenToRoot() throws IOException, InterruptedException {
        SandboxFixture.requireTool(PYTHON, "python3");
        SandboxFixture.requireTool("/usr/bin/perl", "perl-base");
        Path script = SandboxFixture.installResource(workspace, "syscalls.py");
        List<String> filtered = new ArrayList<>(SeccompLoader.command(Path.of("/usr/bin/perl"), Optional.of(SeccompFilter.forHost())));
        filtered.addAll(command(script.toString()));
        Map<String, String> withFilter = answers(runOnHost(filtered));
        Map<String, String> without = answers(runOnHost(command(script.toString())));
        for (String call : deniedCalls()) {
            assertEquals(expectedDenial(call, without), withFilter.get(call), call + " under the filter");
            if (SandboxFixture.isRoot() && !expectedDenial(call, without).equals("died 11")) {
                assertNotEquals(withFilter.get(call), without.get(call), call + ": same answer without the filter");
            }
        }
        assertTrue(withFilter.get("clone-plain").startsWith("ok"), withFilter.toString());
        assertTrue(withFilter.get("personality-query").startsWith("ok"), withFilter.toString());
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void theProbeMeasuresTheFilterAndItIsRecorded(Sandbox sandbox) {
        EgressReport report = EgressCheck.run(sandbox, new SandboxSpec(workspace, List.of(), SandboxFixture.env()));
        assertEquals(2, report.confinement().seccompMode());
        assertTrue(report.confinement().noNewPrivs());
        Map<String, Object> recorded = report.confinement().describe();
        assertEquals(SeccompFilter.NAME, recorded.get("filter"));
        assertEquals(SeccompFilter.forHost().programSha256(), recorded.get("programSha256"));

        EgressReport bare = EgressCheck.run(new NoSandbox(), new SandboxSpec(workspace, List.of(), SandboxFixture.env()));
        assertEquals("none", bare.confinement().describe().get("filter"));
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void ordinaryToolchainsStillWorkUnderTheFilter(Sandbox sandbox) throws IOException {
        SandboxFixture.requireTool("/usr/bin/make", "make");
        SandboxFixture.requireTool(RunnerFiles.jdk().resolve("bin/javac").toString(), "openjdk-17-jdk-headless");
        java.nio.file.Files.writeString(workspace.resolve("Hello.java"), "public class Hello { public static void main(String[] a)"
                + " throws Exception { Thread t = new Thread(() -> System.out.println(\"thread-ran\")); t.start(); t.join();"
                + " Process p = new ProcessBuilder(\"/bin/echo\", \"spawned\").inheritIO().start(); System.out.println(\"exit=\" + p.waitFor()); } }");
        java.nio.file.Files.writeString(workspace.resolve("Makefile"), "all:\n\techo made > made.txt\n");
        String javaBin = sandbox.runnerJdk() + "/bin/";
        SandboxFixture.Result inside = SandboxFixture.run(sandbox, workspace, "/bin/sh", "-c",
                javaBin + "javac -d out Hello.java && " + javaBin + "java -cp out Hello && make -s && cat made.txt");
        assertEquals(0, inside.exitCode(), inside.output());
        assertTrue(inside.output().contains("thread-ran") && inside.output().contains("spawned")
                && inside.output().contains("exit=0") && inside.output().contains("made"), inside.output());
    }

    @Test
    void withoutItsLoaderTheUnshareSandboxFailsClosed() {
        Sandbox noLoader = new UnshareSandbox(Path.of("/usr/bin/unshare"), Path.of("/nonexistent/perl"),
                RunnerFiles.ownedDirectory("hermetic-sandbox-root-", "rwxr-xr-x"), Optional.of(SeccompFilter.forHost()));
        IsolationException e = org.junit.jupiter.api.Assertions.assertThrows(IsolationException.class,
                () -> EgressCheck.run(noLoader, new SandboxSpec(workspace, List.of(), SandboxFixture.env())));
        assertEquals(3, e.exitCode());
    }

    @Test
    void aFilterClaimedButNotInForceFailsClosed() {
        Sandbox claims = new Sandbox() {
            @Override
            public String mechanism() {
                return "claims-a-filter";
            }

            @Override
            public boolean isolates() {
                return false;
            }

            @Override
            public Optional<SeccompFilter> seccomp() {
                return Optional.of(SeccompFilter.forHost());
            }

            @Override
            public List<String> commandLine(SandboxSpec spec, List<String> command) {
                return new NoSandbox().commandLine(spec, command);
            }
        };
        IsolationException e = org.junit.jupiter.api.Assertions.assertThrows(IsolationException.class,
                () -> EgressCheck.run(claims, new SandboxSpec(workspace, List.of(), SandboxFixture.env())));
        assertTrue(e.getMessage().contains("seccomp filter is not in force"), e.getMessage());
        assertEquals(3, e.exitCode());
    }

    /** Calls that need no capability, so an unprivileged control proves the filter is what stops them. */
    private static List<String> unprivilegedCalls() {
        List<String> calls = new ArrayList<>(List.of("keyctl", "add_key", "request_key", "clone", "unshare", "clone3",
                "personality", "name_to_handle_at", "io_uring_setup", "x32-getpid", "i386-getpid"));
        calls.removeIf(c -> !deniedCalls().contains(c));
        return calls;
    }

    private static List<String> deniedCalls() {
        List<String> calls = new ArrayList<>(SeccompFilter.forHost().deniedSyscalls().keySet());
        if (SeccompFilter.Architecture.ofHost() == SeccompFilter.Architecture.X86_64) {
            calls.addAll(List.of("x32-getpid", "i386-getpid"));
        }
        return calls;
    }

    private static String[] command() {
        return command("syscalls.py").toArray(String[]::new);
    }

    private static List<String> command(String script) {
        SeccompFilter.Architecture arch = SeccompFilter.Architecture.ofHost();
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script));
        for (SeccompFilter.Syscall s : SeccompFilter.rules()) {
            if (s.number(arch) >= 0) {
                cmd.add(s.name() + "=" + s.number(arch));
            }
        }
        cmd.add("clone-plain=" + SeccompFilter.CLONE.number(arch) + "=17");
        cmd.add("unshare-fs=" + SeccompFilter.UNSHARE.number(arch) + "=0x200");
        cmd.add("personality-query=" + SeccompFilter.PERSONALITY.number(arch) + "=0xffffffff");
        if (arch == SeccompFilter.Architecture.X86_64) {
            cmd.addAll(List.of("x32-getpid", "i386-getpid"));
        }
        return cmd;
    }

    private String runOnHost(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(workspace.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** "NAME ok 3" / "NAME errno EPERM" lines, by name. */
    private static Map<String, String> answers(String output) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            String[] parts = line.split(" ", 2);
            if (parts.length == 2 && (parts[1].startsWith("ok") || parts[1].startsWith("errno") || parts[1].startsWith("died"))) {
                answers.put(parts[0], parts[1].startsWith("ok") ? "ok" : parts[1]);
            }
        }
        assertTrue(answers.size() >= deniedCalls().size(), "syscalls.py did not answer for every call: " + output);
        return answers;
    }
}
