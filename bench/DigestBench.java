import dev.hermeticbuild.digest.Sha256;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * In-process SHA-256 throughput of the engine's streamed digest (Sha256.ofFile) on one file:
 * one warm-up pass, then RUNS timed passes; prints the median seconds and MiB/s.
 * Run: java -cp cli/target/hermetic.jar bench/DigestBench.java FILE [RUNS]
 */
public class DigestBench {
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String first = Sha256.ofFile(file);
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            String d = Sha256.ofFile(file);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            if (!d.equals(first)) {
                throw new IllegalStateException("digest changed between runs");
            }
        }
        Arrays.sort(seconds);
        double median = seconds[runs / 2];
        double mib = file.toFile().length() / (1024.0 * 1024.0);
        System.out.printf("%s median_s=%.3f MiB/s=%.0f sha256=%s%n", System.getProperty("java.runtime.version"), median, mib / median, first);
    }
}
