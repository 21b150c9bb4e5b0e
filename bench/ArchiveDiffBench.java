import dev.hermeticbuild.rebuild.ArtifactDiff;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Archive comparison throughput: two jars of about SIZE_MB MiB (stored, 1,000 entries of random
 * bytes) identical but for one entry; times ArtifactDiff.explain (median of RUNS after one warm-up).
 * Run: java -cp cli/target/hermetic.jar bench/ArchiveDiffBench.java DIR [SIZE_MB] [RUNS]
 */
public class ArchiveDiffBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int sizeMb = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path a = dir.resolve("a.jar");
        Path b = dir.resolve("b.jar");
        if (!Files.exists(a) || Files.size(a) < sizeMb * 1024L * 1024L) {
            write(a, sizeMb, -1);
            write(b, sizeMb, 500);
        }
        ArtifactDiff.explain("big.jar", a, b);
        double[] s = new double[runs];
        List<String> why = List.of();
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            why = ArtifactDiff.explain("big.jar", a, b);
            s[r] = (System.nanoTime() - t0) / 1e9;
        }
        java.util.Arrays.sort(s);
        double mib = (Files.size(a) + Files.size(b)) / (1024.0 * 1024.0);
        System.out.printf("%s jars=2x%.0fMiB median_s=%.3f MiB/s=%.0f explanation=%s%n", System.getProperty("java.runtime.version"),
                Files.size(a) / (1024.0 * 1024.0), s[runs / 2], mib / s[runs / 2], why);
    }

    static void write(Path file, int sizeMb, int differing) throws Exception {
        int entries = 1000;
        int per = sizeMb * 1024 * 1024 / entries;
        Random random = new Random(42);
        byte[] buf = new byte[per];
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            out.setLevel(0);
            for (int i = 0; i < entries; i++) {
                random.nextBytes(buf);
                if (i == differing) {
                    buf[per / 2] ^= 1;
                }
                ZipEntry e = new ZipEntry("data/entry-" + i + ".bin");
                e.setTime(315532800000L);
                out.putNextEntry(e);
                out.write(buf);
                out.closeEntry();
            }
        }
    }
}
