import dev.hermeticbuild.sandbox.BubblewrapSandbox;
import dev.hermeticbuild.sandbox.BuildEnvironment;
import dev.hermeticbuild.sandbox.BuildUser;
import dev.hermeticbuild.sandbox.Confinement;
import dev.hermeticbuild.sandbox.ResourceLimits;
import dev.hermeticbuild.sandbox.NoSandbox;
import dev.hermeticbuild.sandbox.Sandbox;
import dev.hermeticbuild.sandbox.SandboxSpec;
import dev.hermeticbuild.sandbox.SandboxedProcess;
import dev.hermeticbuild.sandbox.SeccompFilter;
import dev.hermeticbuild.sandbox.UnshareSandbox;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * In-process cost of setting up each sandbox: median wall time of running /bin/true through
 * SandboxedProcess with bubblewrap and unshare, each with and without the seccomp filter, and
 * with no sandbox (plain process spawn), after warm-up. Setup cost = sandboxed median - no-sandbox
 * median. The variants are interleaved run by run, so load on a shared machine hits them alike.
 * "+ build user" starts the filtered sandbox through prlimit (default limits) and, as root,
 * setpriv to the build user, over a workspace the build user owns.
 * Run: java -cp cli/target/hermetic.jar bench/SandboxSetupBench.java [RUNS]
 */
public class SandboxSetupBench {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 101;
        Path ws = Files.createTempDirectory("hermetic-bench-ws");
        Path root = Files.createTempDirectory("hermetic-bench-root").toRealPath();
        var env = BuildEnvironment.fixed(0, SandboxSpec.HOME, "/tmp");
        SandboxSpec spec = new SandboxSpec(ws, List.of(), env);
        Optional<SeccompFilter> filter = Optional.of(SeccompFilter.forHost());
        Map<String, Sandbox> variants = new LinkedHashMap<>();
        variants.put("none", new NoSandbox());
        Path bwrap = Path.of("/usr/bin/bwrap");
        if (Files.isExecutable(bwrap)) {
            variants.put("bubblewrap, no filter", new BubblewrapSandbox(bwrap, Optional.empty()));
            variants.put("bubblewrap + seccomp", new BubblewrapSandbox(bwrap, filter));
        }
        Path unshare = Path.of("/usr/bin/unshare");
        Path perl = Path.of("/usr/bin/perl");
        variants.put("unshare, no filter", new UnshareSandbox(unshare, perl, root, Optional.empty()));
        variants.put("unshare + seccomp", new UnshareSandbox(unshare, perl, root, filter));
        Path confinedWs = Files.createTempDirectory("hermetic-bench-confined-ws");
        BuildUser.DEFAULT.ownWritable(confinedWs);
        SandboxSpec confined = new SandboxSpec(confinedWs, List.of(), env)
                .withConfinement(Confinement.of(BuildUser.DEFAULT, ResourceLimits.DEFAULTS));
        Map<String, SandboxSpec> specs = new LinkedHashMap<>();
        variants.keySet().forEach(k -> specs.put(k, spec));
        if (Files.isExecutable(bwrap)) {
            variants.put("bubblewrap + seccomp + build user", new BubblewrapSandbox(bwrap, filter));
            specs.put("bubblewrap + seccomp + build user", confined);
        }
        variants.put("unshare + seccomp + build user", new UnshareSandbox(unshare, perl, root, filter));
        specs.put("unshare + seccomp + build user", confined);
        Map<String, double[]> times = new LinkedHashMap<>();
        variants.keySet().forEach(k -> times.put(k, new double[runs]));
        for (int i = -10; i < runs; i++) {
            for (var v : variants.entrySet()) {
                long t0 = System.nanoTime();
                var outcome = SandboxedProcess.run(v.getValue(), specs.get(v.getKey()), List.of("/bin/true"), Duration.ofSeconds(30), OutputStream.nullOutputStream());
                if (outcome.exitCode() != 0) {
                    throw new IllegalStateException(v.getKey() + " failed");
                }
                if (i >= 0) {
                    times.get(v.getKey())[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        double base = 0;
        for (var t : times.entrySet()) {
            double[] ms = t.getValue();
            Arrays.sort(ms);
            double median = ms[runs / 2];
            if (t.getKey().equals("none")) {
                base = median;
            }
            System.out.printf("%-34s median_ms=%.1f p90_ms=%.1f setup_ms=%.1f%n", t.getKey(), median, ms[(int) (runs * 0.9)], median - base);
        }
        Files.delete(root);
        Files.delete(ws);
        Files.delete(confinedWs);
    }
}
