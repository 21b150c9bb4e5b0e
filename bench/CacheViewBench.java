import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.cache.DependencyView;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * What showing a build its locked files costs, per option, on a cache of FILES entries totalling
 * about MB megabytes (half 4 KiB POMs, half jars of growing size): copy + hash (before issue 14),
 * hard-link view + hash through the link (shipped), hard links alone (the floor a digest memo
 * could reach), and the sandbox side: one read-only bind of the view versus one bind per file
 * (bubblewrap), and an overlay over the view versus a bind (unshare). Median of RUNS after a warm-up.
 * Run (as the runner, here root): java -cp core/target/classes bench/CacheViewBench.java [FILES] [MB] [RUNS]
 */
public class CacheViewBench {

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 1400;
        long mb = args.length > 1 ? Long.parseLong(args[1]) : 175;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path base = Files.createTempDirectory("cache-view-bench-");
        Path ws = Files.createDirectory(base.resolve("ws"));
        ContentCache cache = ContentCache.open(base.resolve("cache"), ws);
        List<String> keys = fill(cache, files, mb * 1024 * 1024);
        long total = 0;
        for (String k : keys) {
            total += Files.size(cache.entry("sha256", k));
        }
        System.out.printf("%d entries, %.1f MB, %s%n", keys.size(), total / 1e6, System.getProperty("java.runtime.version"));
        int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        int gid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");

        time("copy + hash, one at a time (main before this change)", runs, i -> {
            Path repo = base.resolve("repo-" + i);
            keys.forEach(k -> cache.copyVerified(k, "sha256", k, repo.resolve(k)));
            dev.hermeticbuild.FileTrees.deleteQuietly(repo);
        });
        time("copy + hash, parallel", runs, i -> {
            Path repo = base.resolve("repo-" + i);
            keys.parallelStream().forEach(k -> cache.copyVerified(k, "sha256", k, repo.resolve(k)));
            dev.hermeticbuild.FileTrees.deleteQuietly(repo);
        });
        time("hard-link view + hash through the link, one at a time", runs, i -> {
            try (DependencyView v = DependencyView.create(cache, self, gid, List.of(), "/opt/d").orElseThrow()) {
                keys.forEach(k -> v.add(k, "sha256", k));
            }
        });
        time("hard-link view + hash through the link, parallel (shipped)", runs, i -> {
            try (DependencyView v = DependencyView.create(cache, self, gid, List.of(), "/opt/d").orElseThrow()) {
                keys.parallelStream().forEach(k -> v.add(k, "sha256", k));
            }
        });
        time("hard links alone, no hash (floor for a digest memo)", runs, i -> {
            Path dir = base.resolve("links-" + i);
            try {
                Files.createDirectory(dir);
                for (String k : keys) {
                    Files.createLink(dir.resolve(k), cache.entry("sha256", k));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            dev.hermeticbuild.FileTrees.deleteQuietly(dir);
        });

        DependencyView view = DependencyView.create(cache, self, gid, List.of(), "/opt/d").orElseThrow();
        keys.forEach(k -> view.add(k, "sha256", k));
        List<String> bwrap = List.of("/usr/bin/bwrap", "--unshare-all", "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib",
                "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin", "--proc", "/proc", "--dev", "/dev");
        List<String> one = new ArrayList<>(bwrap);
        one.addAll(List.of("--ro-bind", view.directory().toString(), "/opt/d", "/bin/true"));
        List<String> each = new ArrayList<>(bwrap);
        for (String k : keys) {
            each.addAll(List.of("--ro-bind", view.directory().resolve("sha256-" + k).toString(), "/opt/d/" + k));
        }
        each.add("/bin/true");
        time("bubblewrap start, no dependency mount", runs, i -> run(withTrue(bwrap)));
        time("bubblewrap start, one read-only bind of the view (shipped)", runs, i -> run(one));
        time("bubblewrap start, one read-only bind per file", runs, i -> run(each));

        Path ovl = Files.createDirectory(base.resolve("ovl"));
        String bind = "mount -n --bind -o ro " + view.directory() + " " + ovl;
        String overlay = "mount -n -t tmpfs t /mnt && mkdir /mnt/u /mnt/w && mount -n -t overlay overlay -o lowerdir="
                + view.directory() + ",upperdir=/mnt/u,workdir=/mnt/w " + ovl;
        time("unshare -r -m, read-only bind of the view (shipped)", runs, i -> run(List.of("/usr/bin/unshare", "-r", "-m", "sh", "-c", bind)));
        time("unshare -r -m, overlay over the view (tmpfs upper)", runs, i -> run(List.of("/usr/bin/unshare", "-r", "-m", "sh", "-c", overlay)));
        view.close();
        dev.hermeticbuild.FileTrees.deleteQuietly(base);
    }

    private static List<String> withTrue(List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.add("/bin/true");
        return all;
    }

    private static List<String> fill(ContentCache cache, int files, long bytes) throws Exception {
        Random random = new Random(14);
        int poms = files / 2;
        int jars = files - poms;
        long jarBytes = bytes - poms * 4096L;
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            int size = i < poms ? 4096 : (int) (2 * jarBytes * (i - poms + 1) / ((long) jars * (jars + 1)));
            byte[] b = new byte[size];
            random.nextBytes(b);
            String k = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
            cache.put(k, "sha256", k, new ByteArrayInputStream(b));
            keys.add(k);
        }
        return keys;
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(command.get(0) + " failed: " + out);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void time(String what, int runs, Consumer<Integer> step) {
        step.accept(-1);
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            step.accept(i);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("| %s | %.0f ms | %.0f ms |%n", what, ms[runs / 2], ms[runs - 1]);
    }
}
