import dev.hermeticbuild.sandbox.BuildEnvironment;
import dev.hermeticbuild.sandbox.BuildUser;
import dev.hermeticbuild.sandbox.Confinement;
import dev.hermeticbuild.sandbox.ResourceLimits;
import dev.hermeticbuild.sandbox.NoSandbox;
import dev.hermeticbuild.sandbox.Sandbox;
import dev.hermeticbuild.sandbox.SandboxChooser;
import dev.hermeticbuild.sandbox.SandboxSpec;
import dev.hermeticbuild.sandbox.SandboxedProcess;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * In-process cost of setting up each sandbox: median wall time of running /bin/true through
 * SandboxedProcess with bubblewrap, unshare and no sandbox (plain process spawn), after warm-up.
 * Setup cost = sandboxed median - no-sandbox median. Each namespace sandbox is also measured
 * confined ("+confined"): started through prlimit with the default limits and, when run as root,
 * setpriv to the build user, over a workspace the build user owns.
 * Run: java -cp cli/target/hermetic.jar bench/SandboxSetupBench.java [RUNS]
 */
public class SandboxSetupBench {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 101;
        Path ws = Files.createTempDirectory("hermetic-bench-ws");
        var env = BuildEnvironment.fixed(0, SandboxSpec.HOME, "/tmp");
        List<Sandbox> sandboxes = new ArrayList<>();
        sandboxes.add(new NoSandbox());
        SandboxChooser.bubblewrap().ifPresent(sandboxes::add);
        SandboxChooser.unshare().ifPresent(sandboxes::add);
        Path confinedWs = Files.createTempDirectory("hermetic-bench-confined-ws");
        BuildUser.DEFAULT.ownWritable(confinedWs);
        Confinement confined = Confinement.of(BuildUser.DEFAULT, ResourceLimits.DEFAULTS);
        double base = 0;
        List<SandboxSpec> specs = new ArrayList<>();
        List<Sandbox> runsOf = new ArrayList<>();
        for (Sandbox s : sandboxes) {
            specs.add(new SandboxSpec(ws, List.of(), env));
            runsOf.add(s);
            if (s.isolates()) {
                specs.add(new SandboxSpec(confinedWs, List.of(), env).withConfinement(confined));
                runsOf.add(s);
            }
        }
        for (int k = 0; k < specs.size(); k++) {
            Sandbox s = runsOf.get(k);
            SandboxSpec spec = specs.get(k);
            String name = s.mechanism() + (spec.confinement().limits().isPresent() ? "+confined" : "");
            double[] ms = new double[runs];
            for (int i = -10; i < runs; i++) {
                long t0 = System.nanoTime();
                var outcome = SandboxedProcess.run(s, spec, List.of("/bin/true"), Duration.ofSeconds(30), OutputStream.nullOutputStream());
                if (outcome.exitCode() != 0) {
                    throw new IllegalStateException(name + " failed");
                }
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            Arrays.sort(ms);
            double median = ms[runs / 2];
            if (s.mechanism().equals("none")) {
                base = median;
            }
            System.out.printf("%-20s median_ms=%.1f p90_ms=%.1f setup_ms=%.1f%n", name, median, ms[(int) (runs * 0.9)], median - base);
        }
    }
}
