import dev.hermeticbuild.lock.LockedDependency;
import dev.hermeticbuild.sbom.CycloneDxSbom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SBOM generation + CycloneDX 1.6 schema validation for N synthetic Maven components (distinct
 * purls, sha256 each): one warm-up, then RUNS timed runs; prints the median.
 * Run: java -cp cli/target/hermetic.jar bench/SbomBench.java [N] [RUNS]
 */
public class SbomBench {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<LockedDependency> deps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String hex = String.format("%064x", i);
            deps.add(new LockedDependency("maven", "org.example:lib" + i + ":jar", "1." + i, Map.of("sha256", hex),
                    Optional.empty(), "pkg:maven/org.example/lib" + i + "@1." + i + "?type=jar", List.of("Apache-2.0"), "hermetic.lock", i + 2));
        }
        CycloneDxSbom.create("bench", "1", List.of(), deps, 0);
        double[] s = new double[runs];
        int size = 0;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            var doc = CycloneDxSbom.create("bench", "1", List.of(), deps, 0);
            s[r] = (System.nanoTime() - t0) / 1e9;
            size = doc.json().length;
        }
        Arrays.sort(s);
        System.out.printf("%s components=%d median_s=%.3f min_s=%.3f bytes=%d%n", System.getProperty("java.runtime.version"), n, s[runs / 2], s[0], size);
    }
}
