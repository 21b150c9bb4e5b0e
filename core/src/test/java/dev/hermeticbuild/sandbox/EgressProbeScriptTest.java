package dev.hermeticbuild.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Perl probe (no second JVM) sees exactly what the JVM probe sees, target by target, inside
 * each namespace sandbox (everything blocked, the seccomp filter in force) and without one (the
 * host's listeners reached), so replacing one by the other changes no verdict.
 */
class EgressProbeScriptTest {

    @TempDir
    Path workspace;

    static Stream<Sandbox> sandboxes() {
        return SandboxFixture.namespaceSandboxes();
    }

    private static Path perl() {
        Path perl = SandboxChooser.find("perl").orElse(null);
        dev.hermeticbuild.testing.Tools.require("perl", perl != null, "the Perl egress probe (Debian perl-base, Essential)");
        return perl;
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void insideASandboxThePerlProbeAndTheJvmProbeAgreeThatAllIsBlocked(Sandbox sandbox) {
        SandboxSpec spec = new SandboxSpec(workspace, List.of(), SandboxFixture.env());
        EgressReport perl = EgressCheck.run(sandbox, spec, EgressCheck.perlProbe(perl()));
        EgressReport jvm = EgressCheck.run(sandbox, spec, EgressCheck::jvmProbe);
        assertTrue(perl.egressBlocked(), perl.toString());
        assertEquals(verdicts(jvm), verdicts(perl));
        assertEquals(jvm.confinement(), perl.confinement());
        assertTrue(perl.confinement().confirmed(), perl.toString());
        assertFalse(perl.attempts().isEmpty());
    }

    @Test
    void withoutASandboxBothProbesReachTheHostListeners() {
        Map<String, String> env = new HashMap<>(SandboxFixture.env());
        env.put("HOME", workspace.toString());
        SandboxSpec spec = new SandboxSpec(workspace, List.of(), env);
        EgressReport perl = EgressCheck.run(new NoSandbox(), spec, EgressCheck.perlProbe(perl()));
        EgressReport jvm = EgressCheck.run(new NoSandbox(), spec, EgressCheck::jvmProbe);
        assertFalse(perl.egressBlocked(), perl.toString());
        for (String kind : List.of("tcp:127.0.0.1:", "udp:127.0.0.1:", "unix:")) {
            assertTrue(perl.reached().stream().anyMatch(a -> a.target().startsWith(kind)), kind + " not reached: " + perl);
        }
        assertEquals(verdicts(jvm), verdicts(perl));
    }

    /** Reached or not, by what each target stands for (ports and socket names differ from run to run). */
    private static Map<String, Boolean> verdicts(EgressReport report) {
        Map<String, Boolean> verdicts = new TreeMap<>();
        report.attempts().forEach(a -> verdicts.put(a.description(), a.reached()));
        return verdicts;
    }
}
