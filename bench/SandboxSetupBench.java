import dev.hermeticbuild.sandbox.BuildEnvironment;
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
 * Setup cost = sandboxed median - no-sandbox median.
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
        double base = 0;
        for (Sandbox s : sandboxes) {
            SandboxSpec spec = new SandboxSpec(ws, List.of(), env);
            double[] ms = new double[runs];
            for (int i = -10; i < runs; i++) {
                long t0 = System.nanoTime();
                var outcome = SandboxedProcess.run(s, spec, List.of("/bin/true"), Duration.ofSeconds(30), OutputStream.nullOutputStream());
                if (outcome.exitCode() != 0) {
                    throw new IllegalStateException(s.mechanism() + " failed");
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
            System.out.printf("%-10s median_ms=%.1f p90_ms=%.1f setup_ms=%.1f%n", s.mechanism(), median, ms[(int) (runs * 0.9)], median - base);
        }
    }
}
