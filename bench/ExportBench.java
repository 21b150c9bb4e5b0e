import dev.hermeticbuild.FileTrees;
import dev.hermeticbuild.source.GitCommit;
import dev.hermeticbuild.source.SourceExport;
import dev.hermeticbuild.source.SourceInspector;
import dev.hermeticbuild.source.SourceRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Fixed cost of a release build's source step: the fresh export of the commit (SourceExport) and
 * the content comparison of the work tree (SourceInspector), against `git archive COMMIT[:PATH] |
 * tar -x` of the same tree. Median wall time of RUNS runs after 3 warm-ups, each into a new directory,
 * each step after a `sync` (so none pays for the previous step's writes and deletions).
 * Run: java -cp cli/target/hermetic.jar bench/ExportBench.java maven-app|generated [RUNS]
 *   maven-app: examples/maven-app of this checkout's HEAD (run from the checkout's root)
 *   generated: a new repository of 10,000 files of 1 KiB (100 directories of 100), packed (git gc) as a clone is
 */
public class ExportBench {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 21;
        Path workspace;
        if (args[0].equals("generated")) {
            workspace = generated();
        } else {
            workspace = Path.of("examples/maven-app").toRealPath();
        }
        Path scratch = Files.createTempDirectory("hermetic-export-bench");
        try (SourceRepository repo = SourceRepository.open(workspace)) {
            GitCommit commit = repo.head().orElseThrow();
            String sub = repo.workTree().relativize(workspace).toString();
            String treeish = sub.isEmpty() ? commit.id() : commit.id() + ":" + sub;
            long files = 0;
            double[] export = new double[runs];
            double[] archive = new double[runs];
            double[] inspect = new double[runs];
            for (int i = -3; i < runs; i++) {
                Path a = scratch.resolve("export-" + i);
                sync();
                long t0 = System.nanoTime();
                files = SourceExport.export(repo, commit, sub, a).files();
                long t1 = System.nanoTime();
                Path b = Files.createDirectory(scratch.resolve("archive-" + i));
                sync();
                long t2 = System.nanoTime();
                Process p = new ProcessBuilder("sh", "-c", "git archive " + treeish + " | tar -x -C " + b)
                        .directory(repo.workTree().toFile()).inheritIO().start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("git archive | tar -x failed");
                }
                long t3 = System.nanoTime();
                sync();
                long t4 = System.nanoTime();
                SourceInspector.inspect(workspace);
                long t5 = System.nanoTime();
                if (i >= 0) {
                    export[i] = (t1 - t0) / 1e6;
                    archive[i] = (t3 - t2) / 1e6;
                    inspect[i] = (t5 - t4) / 1e6;
                }
                FileTrees.deleteQuietly(a);
                FileTrees.deleteQuietly(b);
            }
            System.out.printf("%s: %d files, %d runs%n", args[0], files, runs);
            System.out.printf("  SourceExport.export          median_ms=%.1f p90_ms=%.1f%n", median(export), p90(export));
            System.out.printf("  git archive | tar -x         median_ms=%.1f p90_ms=%.1f%n", median(archive), p90(archive));
            System.out.printf("  ratio export / git archive   %.2f%n", median(export) / median(archive));
            System.out.printf("  SourceInspector.inspect      median_ms=%.1f p90_ms=%.1f (content comparison of the work tree)%n",
                    median(inspect), p90(inspect));
        } finally {
            FileTrees.deleteQuietly(scratch);
            if (args[0].equals("generated")) {
                FileTrees.deleteQuietly(workspace);
            }
        }
    }

    private static Path generated() throws Exception {
        Path repo = Files.createTempDirectory("hermetic-export-bench-repo");
        byte[] content = new byte[1024];
        for (int d = 0; d < 100; d++) {
            Path dir = Files.createDirectory(repo.resolve("d" + d));
            for (int f = 0; f < 100; f++) {
                Arrays.fill(content, (byte) ('a' + (d + f) % 26));
                content[0] = (byte) d;
                content[1] = (byte) f;
                Files.write(dir.resolve("f" + f + ".txt"), content);
            }
        }
        for (List<String> cmd : List.of(List.of("git", "init", "-q", "-b", "main"), List.of("git", "add", "-A"),
                List.of("git", "-c", "gc.auto=0", "-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-q", "-m", "bench"),
                List.of("git", "gc", "-q"))) {
            Process p = new ProcessBuilder(cmd).directory(repo.toFile()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed");
            }
        }
        return repo;
    }

    /** Writes back what earlier steps left dirty, so that no step pays for another's writes. */
    private static void sync() throws Exception {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    private static double median(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double p90(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return s[(int) (s.length * 0.9)];
    }
}
