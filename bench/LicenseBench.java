import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.lock.ExternalLock;
import dev.hermeticbuild.lock.LockedDependency;
import dev.hermeticbuild.sbom.MavenLicenses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The SBOM's license lookup on a real lock (MavenLicenses.enrich: each locked POM and its locked
 * parents read from the cache, each declared name or URL mapped to SPDX): the first call in a fresh
 * JVM, as every `hermetic build` pays it (wall and CPU time), then RUNS more calls in the same JVM.
 * Run: java -cp cli/target/hermetic.jar bench/LicenseBench.java LOCK CACHE [RUNS]
 *   e.g. the lock and cache bench/real-build.sh keeps with KEEP=1 (W/hermetic.lock, W/cache)
 */
public class LicenseBench {
    public static void main(String[] args) throws Exception {
        Path lock = Path.of(args[0]);
        Path cacheDir = Path.of(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<LockedDependency> deps = ExternalLock.read("--lock", lock, List.of()).dependencies();
        ContentCache cache = ContentCache.open(cacheDir, Files.createTempDirectory("license-bench"));
        long c0 = cpuNanos();
        long t0 = System.nanoTime();
        List<LockedDependency> first = MavenLicenses.enrich(deps, cache);
        double firstMs = (System.nanoTime() - t0) / 1e6;
        double firstCpuMs = (cpuNanos() - c0) / 1e6;
        long licensed = first.stream().filter(d -> !d.licenses().isEmpty()).count();
        double[] again = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            MavenLicenses.enrich(deps, cache);
            again[i] = (System.nanoTime() - t) / 1e6;
        }
        java.util.Arrays.sort(again);
        System.out.printf("%d locked, %d with licenses: first call %.0f ms (CPU %.0f ms, all threads), then median %.0f ms (%d runs)%n",
                deps.size(), licensed, firstMs, firstCpuMs, runs == 0 ? 0 : again[runs / 2], runs);
    }

    /** CPU time of the whole JVM so far (every thread, JIT compilers included): less disturbed by other load than wall time. */
    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }
}
