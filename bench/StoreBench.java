import dev.hermeticbuild.store.ChainReport;
import dev.hermeticbuild.store.Digests;
import dev.hermeticbuild.store.ProvenanceRecord;
import dev.hermeticbuild.store.ProvenanceStore;
import dev.hermeticbuild.store.ProvenanceStores;
import dev.hermeticbuild.store.RecordIngest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Provenance store benchmarks (issue 8). Run with the CLI jar on the class path:
 *   java -cp cli/target/hermetic.jar bench/StoreBench.java ingest URL RECORDS WRITERS
 *   java -cp cli/target/hermetic.jar bench/StoreBench.java load   URL RECORDS        (bulk, 10,000 per transaction)
 *   java -cp cli/target/hermetic.jar bench/StoreBench.java lookup URL LOOKUPS
 *   java -cp cli/target/hermetic.jar bench/StoreBench.java verify URL
 * Records are unsigned build records of one subject each (about 1 KB of canonical JSON), made
 * by the engine's own RecordIngest from a statement in the layout the runner writes.
 */
public final class StoreBench {

    static final RecordIngest INGEST = new RecordIngest(Optional.empty(), true, Clock.systemUTC());

    static ProvenanceRecord record(long i) {
        String name = "artifact-" + i + ".jar";
        String statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"build/" + name
                + "\",\"digest\":{\"sha256\":\"" + Digests.sha256(name) + "\"}}],\"predicateType\":"
                + "\"https://slsa.dev/provenance/v1\",\"predicate\":{\"buildDefinition\":{\"buildType\":"
                + "\"https://hermetic-build.dev/build/v1\",\"externalParameters\":{\"tier\":\"release\"},"
                + "\"internalParameters\":{\"isolation\":{\"hermetic\":true,\"egressBlocked\":true}},"
                + "\"resolvedDependencies\":[{\"name\":\"source\",\"uri\":\"git+https://git.example.com/app.git\","
                + "\"digest\":{\"gitCommit\":\"" + Digests.sha256("c" + i / 10).substring(0, 40) + "\"}}]},"
                + "\"runDetails\":{\"builder\":{\"id\":\"https://ci.example.com/hermetic\"},\"metadata\":{"
                + "\"startedOn\":\"2026-11-28T10:00:00Z\",\"finishedOn\":\"2026-11-28T10:03:00Z\"}}}}";
        return INGEST.fromStatement(statement.getBytes(StandardCharsets.UTF_8), name, Optional.empty(),
                Optional.of("bench-" + i));
    }

    public static void main(String[] args) throws Exception {
        String url = args[1];
        switch (args[0]) {
            case "ingest" -> ingest(url, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "load" -> load(url, Long.parseLong(args[2]));
            case "lookup" -> lookup(url, Integer.parseInt(args[2]));
            case "verify" -> verify(url);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void ingest(String url, int records, int writers) throws Exception {
        long base;
        try (ProvenanceStore s = ProvenanceStores.open(url)) {
            base = s.size();
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        int per = records / writers;
        long start = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            long from = base + 10_000_000L * (w + 1);
            fs.add(pool.submit(() -> {
                try (ProvenanceStore s = ProvenanceStores.open(url)) { // one connection per writer, like separate builds
                    for (int i = 0; i < per; i++) {
                        s.append(record(from + i));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("ingest %d records, %d writer(s): %.1f s, %.0f records/s%n", per * writers, writers, secs,
                per * writers / secs);
    }

    static void load(String url, long n) {
        try (ProvenanceStore s = ProvenanceStores.open(url)) {
            long start = System.nanoTime();
            long have = s.size();
            List<ProvenanceRecord> batch = new ArrayList<>();
            for (long i = have; i < n; i++) {
                batch.add(record(i));
                if (batch.size() == 10_000) {
                    s.appendAll(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                s.appendAll(batch);
            }
            System.out.printf("load to %d records: %.1f s%n", s.size(), (System.nanoTime() - start) / 1e9);
        }
    }

    static void lookup(String url, int lookups) {
        try (ProvenanceStore s = ProvenanceStores.open(url)) {
            long n = s.size();
            Random rnd = new Random(8);
            for (int i = 0; i < 2_000; i++) { // warm-up
                s.bySubject(Digests.sha256("artifact-" + (long) (rnd.nextDouble() * n) + ".jar"));
            }
            long[] t = new long[lookups];
            for (int i = 0; i < lookups; i++) {
                String d = Digests.sha256("artifact-" + (long) (rnd.nextDouble() * n) + ".jar");
                long s0 = System.nanoTime();
                int found = s.bySubject(d).size();
                t[i] = System.nanoTime() - s0;
                if (found == 0) {
                    throw new IllegalStateException("not found: " + d);
                }
            }
            Arrays.sort(t);
            System.out.printf("lookup by digest, %d records, %d random lookups: median %.3f ms, p99 %.3f ms, max %.3f ms%n",
                    n, lookups, t[lookups / 2] / 1e6, t[(int) (lookups * 0.99)] / 1e6, t[lookups - 1] / 1e6);
        }
    }

    static void verify(String url) {
        try (ProvenanceStore s = ProvenanceStores.open(url)) {
            long start = System.nanoTime();
            ChainReport r = s.verify();
            System.out.printf("store verify, %d records: %.1f s, intact=%s%n", r.records(),
                    (System.nanoTime() - start) / 1e9, r.intact());
        }
    }
}
