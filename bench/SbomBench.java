import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.cache.Prefetcher;
import dev.hermeticbuild.cache.Registries;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.lock.LockedDependency;
import dev.hermeticbuild.lock.ProjectLock;
import dev.hermeticbuild.sbom.CycloneDxSbom;
import dev.hermeticbuild.sbom.DependencyGraph;
import dev.hermeticbuild.sbom.SbomContext;
import dev.hermeticbuild.sbom.maven.MavenDependencyGraph;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Three SBOM costs, each one warm-up then RUNS timed runs (median and min printed):
 * 1. CycloneDxSbom.create (generate + CycloneDX 1.6 schema validation) for a run-time graph of N
 *    components (a binary tree of edges, a sha256 and an SPDX license each) plus N/10 build-time entries;
 * 2. MavenDependencyGraph.resolve of examples/maven-app from the cache (its lock prefetched into
 *    CACHE first if needed: the one step with network);
 * 3. the same for a synthetic project with 500 run-time dependencies (10 libraries in two versions, a
 *    shared parent POM, 5 levels deep), written as a lock and a cache of its own in a temp directory.
 * Run (one command, from the checkout, after the CLI jar is built: bin/hermetic --version builds it):
 *   java -cp cli/target/hermetic.jar bench/SbomBench.java [N=10000] [RUNS=5] [CACHE=~/.cache/hermetic]
 */
public class SbomBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path cacheDir = args.length > 2 ? Path.of(args[2]) : Path.of(System.getProperty("user.home"), ".cache", "hermetic");
        System.out.println(System.getProperty("java.runtime.version") + ", " + Runtime.getRuntime().availableProcessors() + " cpus");

        DependencyGraph graph = syntheticGraph(n);
        List<LockedDependency> locked = syntheticLock(n);
        int[] size = new int[1];
        time("sbom generate+validate, " + n + " runtime + " + n / 10 + " build-time components", runs, () -> {
            CycloneDxSbom.Document doc = CycloneDxSbom.create(List.of(), graph, locked, List.of(), SbomContext.at(0));
            size[0] = doc.json().length;
            return doc.completeness().components() + " components, " + size[0] + " bytes";
        });

        Path app = Path.of("examples", "maven-app").toAbsolutePath();
        ProjectLock appLock = ProjectLock.read(app);
        ContentCache cache = ContentCache.open(cacheDir, app);
        var prefetch = new Prefetcher(cache, Registries.defaults()).prefetch(appLock);
        if (!prefetch.ok()) {
            throw new IllegalStateException("prefetch of examples/maven-app into " + cacheDir + " failed: " + prefetch.failures());
        }
        time("maven graph from the cache, examples/maven-app (" + appLock.of("maven").size() + " locked files)", runs,
                () -> describe(MavenDependencyGraph.resolve(app.resolve("pom.xml"), app, appLock, cache)));

        Path synthetic = Files.createTempDirectory("sbom-bench-");
        try {
            SyntheticProject p = SyntheticProject.write(synthetic, 500);
            time("maven graph from the cache, synthetic project (" + p.lock().of("maven").size() + " locked files, synthetic local"
                    + " repository)", runs, () -> describe(MavenDependencyGraph.resolve(p.pom(), p.pom().getParent(), p.lock(), p.cache())));
        } finally {
            dev.hermeticbuild.FileTrees.deleteQuietly(synthetic);
        }
    }

    private static String describe(DependencyGraph g) {
        int edges = g.edges().values().stream().mapToInt(List::size).sum();
        return g.components().size() + " components, " + edges + " edges, " + g.problems().size() + " problems";
    }

    private static void time(String what, int runs, Supplier<String> task) {
        String result = task.get();
        double[] s = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            result = task.get();
            s[r] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(s);
        System.out.printf("%s: median_s=%.3f min_s=%.3f (%s)%n", what, s[runs / 2], s[0], result);
    }

    private static String purl(int i) {
        return "pkg:maven/org.example/lib" + i + "@1." + i;
    }

    private static DependencyGraph syntheticGraph(int n) {
        List<DependencyGraph.Component> components = new ArrayList<>();
        Map<String, List<String>> edges = new HashMap<>();
        String root = "pkg:maven/org.example/app@1.0";
        edges.put(root, List.of(purl(0)));
        for (int i = 0; i < n; i++) {
            components.add(new DependencyGraph.Component(purl(i), "org.example", "lib" + i, "1." + i, DependencyGraph.Scope.REQUIRED,
                    List.of("Apache-2.0"), Optional.of("Example"), Optional.empty()));
            List<String> on = new ArrayList<>();
            for (int c = 2 * i + 1; c <= 2 * i + 2 && c < n; c++) {
                on.add(purl(c));
            }
            edges.put(purl(i), on);
        }
        DependencyGraph.Component app = new DependencyGraph.Component(root, "org.example", "app", "1.0", DependencyGraph.Scope.REQUIRED,
                List.of("MIT"), Optional.of("Example"), Optional.empty());
        return new DependencyGraph(app, components, edges, "bench", List.of());
    }

    private static List<LockedDependency> syntheticLock(int n) {
        List<LockedDependency> deps = new ArrayList<>();
        for (int i = 0; i < n + n / 10; i++) {
            String name = i < n ? "lib" + i : "plugin" + i;
            deps.add(new LockedDependency("maven", "org.example:" + name + ":jar", "1." + i, Map.of("sha256", String.format("%064x", i)),
                    Optional.empty(), "pkg:maven/org.example/" + name + "@1." + i + "?type=jar", List.of("Apache-2.0"), "hermetic.lock", i + 2));
        }
        return deps;
    }

    /** A project of D run-time dependencies in a lock and a content cache of its own. */
    record SyntheticProject(Path pom, ProjectLock lock, ContentCache cache) {

        static SyntheticProject write(Path dir, int d) throws Exception {
            ContentCache cache = new ContentCache(Files.createDirectories(dir.resolve("cache")));
            Path project = Files.createDirectories(dir.resolve("project"));
            List<String> lock = new ArrayList<>();
            put(cache, lock, "org.bench:parent:pom:1", project("parent", "1", "<packaging>pom</packaging><licenses><license><name>Apache"
                    + " License, Version 2.0</name></license></licenses><organization><name>Bench</name></organization>", ""));
            int levels = 5;
            int perLevel = d / levels;
            for (int i = 0; i < d; i++) {
                int level = i / perLevel;
                StringBuilder deps = new StringBuilder();
                if (level < levels - 1) {
                    for (int k = 0; k < 3; k++) {
                        int child = (level + 1) * perLevel + (i * 3 + k) % perLevel;
                        deps.append(dependency("lib" + child, version(child, k == 2)));
                    }
                }
                String parent = "<parent><groupId>org.bench</groupId><artifactId>parent</artifactId><version>1</version></parent>";
                for (String v : i % (d / 10) == 0 ? List.of(version(i, false), version(i, true)) : List.of(version(i, false))) {
                    put(cache, lock, "org.bench:lib" + i + ":pom:" + v, project("lib" + i, v, parent, deps.toString()));
                    put(cache, lock, "org.bench:lib" + i + ":jar:" + v, "jar lib" + i + " " + v);
                }
            }
            StringBuilder direct = new StringBuilder();
            for (int i = 0; i < perLevel; i++) {
                direct.append(dependency("lib" + i, version(i, false)));
            }
            Path pom = project.resolve("pom.xml");
            Files.writeString(pom, project("app", "1.0", "", direct.toString()));
            Files.write(project.resolve("hermetic.lock"), lock);
            return new SyntheticProject(pom, ProjectLock.read(project), cache);
        }

        /** Every tenth library also exists in an older version some dependents ask for: Maven mediates, nearest wins. */
        private static String version(int i, boolean older) {
            return older && i % 50 == 0 ? "0.9" : "1.0";
        }

        private static String dependency(String artifact, String version) {
            return "<dependency><groupId>org.bench</groupId><artifactId>" + artifact + "</artifactId><version>" + version
                    + "</version></dependency>";
        }

        private static String project(String artifact, String version, String extra, String deps) {
            return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion><groupId>org.bench</groupId>"
                    + "<artifactId>" + artifact + "</artifactId><version>" + version + "</version>" + extra
                    + (deps.isEmpty() ? "" : "<dependencies>" + deps + "</dependencies>") + "</project>";
        }

        private static void put(ContentCache cache, List<String> lock, String name, String content) {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            String sha = Sha256.ofBytes(bytes);
            cache.put(name, "sha256", sha, new ByteArrayInputStream(bytes));
            lock.add(name + " sha256=" + sha);
        }
    }
}
