import dev.hermeticbuild.sign.Attestor;
import dev.hermeticbuild.sign.KeyAlgorithm;
import dev.hermeticbuild.sign.KeyGen;
import dev.hermeticbuild.sign.PemKeys;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.sign.Signers;
import dev.hermeticbuild.store.ArtifactTrace;
import dev.hermeticbuild.store.ChainCheck;
import dev.hermeticbuild.store.ChainReport;
import dev.hermeticbuild.store.CheckedRecord;
import dev.hermeticbuild.store.RecordCheck;
import dev.hermeticbuild.store.StoredRecord;
import dev.hermeticbuild.verify.Keyring;
import dev.hermeticbuild.verify.RevocationList;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
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
 * and, for signed records with store checkpoints (issue 13):
 *   ... signed-load URL RECORDS BATCH KEYDIR   (every record's bundle signed and verified at put; the store
 *                                              key signs a checkpoint with every batch; KEYDIR gets builder.pub, store.pub)
 *   ... trace URL LOOKUPS KEYDIR               (ArtifactTrace with --pub and --store-pub checks, random digests)
 *   ... query URL LOOKUPS KEYDIR               (byBuildId, then RecordCheck of what it returns)
 *   ... signed-verify URL KEYDIR               (store verify --store-pub: whole chain and the latest checkpoint)
 * Records are build records of one subject each (about 1 KB of canonical JSON unsigned), made
 * by the engine's own RecordIngest from a statement in the layout the runner writes.
 */
public final class StoreBench {

    static final RecordIngest INGEST = new RecordIngest(Optional.empty(), true, Clock.systemUTC());

    static ProvenanceRecord record(long i) {
        String name = "artifact-" + i + ".jar";
        return INGEST.fromStatement(statement(i).getBytes(StandardCharsets.UTF_8), name, Optional.empty(),
                Optional.of("bench-" + i));
    }

    static String statement(long i) {
        String name = "artifact-" + i + ".jar";
        return "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"build/" + name
                + "\",\"digest\":{\"sha256\":\"" + Digests.sha256(name) + "\"}}],\"predicateType\":"
                + "\"https://slsa.dev/provenance/v1\",\"predicate\":{\"buildDefinition\":{\"buildType\":"
                + "\"https://hermetic-build.dev/build/v1\",\"externalParameters\":{\"tier\":\"release\"},"
                + "\"internalParameters\":{\"isolation\":{\"hermetic\":true,\"egressBlocked\":true}},"
                + "\"resolvedDependencies\":[{\"name\":\"source\",\"uri\":\"git+https://git.example.com/app.git\","
                + "\"digest\":{\"gitCommit\":\"" + Digests.sha256("c" + i / 10).substring(0, 40) + "\"}}]},"
                + "\"runDetails\":{\"builder\":{\"id\":\"https://ci.example.com/hermetic\"},\"metadata\":{"
                + "\"startedOn\":\"2026-11-28T10:00:00Z\",\"finishedOn\":\"2026-11-28T10:03:00Z\"}}}}";
    }

    public static void main(String[] args) throws Exception {
        String url = args[1];
        switch (args[0]) {
            case "ingest" -> ingest(url, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "load" -> load(url, Long.parseLong(args[2]));
            case "lookup" -> lookup(url, Integer.parseInt(args[2]));
            case "verify" -> verify(url);
            case "signed-load" -> signedLoad(url, Long.parseLong(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
            case "trace" -> timed("trace", url, Integer.parseInt(args[2]), Path.of(args[3]), true);
            case "query" -> timed("query by build id", url, Integer.parseInt(args[2]), Path.of(args[3]), false);
            case "signed-verify" -> signedVerify(url, Path.of(args[2]));
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

    /**
     * The builder's signer for the load only: BouncyCastle's lightweight ECDSA with deterministic
     * k (RFC 6979), about 20 times faster than the JDK 17 provider, so a million bundles sign in
     * minutes. The bytes are ordinary ECDSA P-256 DER signatures, verified by the engine as any other.
     */
    record FastSigner(KeyPair pair) implements Signer {
        static final ECNamedCurveParameterSpec P256 = ECNamedCurveTable.getParameterSpec("P-256");
        static final ECDomainParameters DOMAIN = new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());

        public KeyAlgorithm algorithm() {
            return KeyAlgorithm.ECDSA_P256;
        }

        public PublicKey publicKey() {
            return pair.getPublic();
        }

        public byte[] sign(byte[] data) {
            SHA256Digest d = new SHA256Digest();
            d.update(data, 0, data.length);
            byte[] h = new byte[32];
            d.doFinal(h, 0);
            return signSha256Digest(h);
        }

        public byte[] signSha256Digest(byte[] sha256) {
            ECDSASigner s = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            s.init(true, new ECPrivateKeyParameters(((ECPrivateKey) pair.getPrivate()).getS(), DOMAIN));
            BigInteger[] rs = s.generateSignature(sha256);
            BigInteger n = DOMAIN.getN();
            if (rs[1].compareTo(n.shiftRight(1)) > 0) {
                rs[1] = n.subtract(rs[1]);
            }
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(new ASN1Integer(rs[0]));
            v.add(new ASN1Integer(rs[1]));
            try {
                return new DERSequence(v).getEncoded("DER");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static void signedLoad(String url, long n, int batchSize, Path keys) throws Exception {
        Files.createDirectories(keys);
        KeyPair builderPair = KeyGen.generate(KeyAlgorithm.ECDSA_P256);
        Signer builder = new FastSigner(builderPair);
        Signer storeKey = Signers.of(KeyGen.generate(KeyAlgorithm.ECDSA_P256));
        Files.writeString(keys.resolve("builder.pub"), PemKeys.publicPem(builder.publicKey()));
        Files.writeString(keys.resolve("store.pub"), PemKeys.publicPem(storeKey.publicKey()));
        // Put-time verification is skipped (records say "unverified" about themselves): read-time checks ignore that
        // claim, and the load is about having a million signed records to look up, not about put.
        try (ProvenanceStore s = ProvenanceStores.open(url, Optional.of(storeKey))) {
            long start = System.nanoTime();
            for (long from = s.size(); from < n; from += batchSize) {
                long first = from;
                List<ProvenanceRecord> batch = java.util.stream.LongStream.range(first, Math.min(n, first + batchSize))
                        .parallel().mapToObj(i -> INGEST.fromBundle(Attestor.attest(statement(i).getBytes(StandardCharsets.UTF_8),
                                "bench", builder), "bench", Optional.empty(), Optional.of("bench-" + i))).toList();
                s.appendAll(batch);
                if ((first / batchSize) % 1000 == 0) {
                    System.out.printf("  %d records, %.0f s%n", first, (System.nanoTime() - start) / 1e9);
                }
            }
            System.out.printf("signed load to %d records, checkpoint every %d: %.1f s%n", s.size(), batchSize,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    static RecordCheck check(Path keys) {
        return new RecordCheck(Optional.of(VerifyPolicy.builder().keyring(Keyring.load(keys.resolve("builder.pub"))).requireHermetic(false).build()),
                Optional.of(Keyring.load(keys.resolve("store.pub"))));
    }

    static void timed(String what, String url, int lookups, Path keys, boolean trace) {
        RecordCheck check = check(keys);
        try (ProvenanceStore s = ProvenanceStores.open(url)) {
            long n = s.size();
            Random rnd = new Random(13);
            for (int i = 0; i < 2_000; i++) { // warm-up, other records than the measured ones (mostly)
                once(s, check, (long) (rnd.nextDouble() * n), trace);
            }
            long[] t = new long[lookups];
            for (int i = 0; i < lookups; i++) {
                long k = (long) (rnd.nextDouble() * n);
                long s0 = System.nanoTime();
                once(s, check, k, trace);
                t[i] = System.nanoTime() - s0;
            }
            Arrays.sort(t);
            System.out.printf("%s with signature and checkpoint re-verification, %d records, %d random lookups:"
                    + " median %.3f ms, p99 %.3f ms, max %.3f ms%n", what, n, lookups, t[lookups / 2] / 1e6,
                    t[(int) (lookups * 0.99)] / 1e6, t[lookups - 1] / 1e6);
        }
    }

    private static void once(ProvenanceStore s, RecordCheck check, long k, boolean trace) {
        if (trace) {
            ArtifactTrace t = ArtifactTrace.of(s, Digests.sha256("artifact-" + k + ".jar"), check, RevocationList.none());
            if (!t.trustworthy()) {
                throw new IllegalStateException("not trustworthy: " + t.problems());
            }
        } else {
            List<StoredRecord> found = s.byBuildId("bench-" + k);
            List<CheckedRecord> checked = check.check(s, found);
            if (checked.size() != 1 || !checked.get(0).signature().verified() || !checked.get(0).position().verified()) {
                throw new IllegalStateException("bench-" + k + ": " + checked);
            }
        }
    }

    static void signedVerify(String url, Path keys) {
        try (ProvenanceStore s = ProvenanceStores.open(url)) {
            long start = System.nanoTime();
            ChainReport r = s.verify(ChainCheck.signedBy(Keyring.load(keys.resolve("store.pub"))));
            System.out.printf("store verify --store-pub, %d records: %.1f s, intact=%s, checkpoint=%s%n", r.records(),
                    (System.nanoTime() - start) / 1e9, r.intact(), r.checkpoint().map(c -> c.checkpoint().size()).orElse(-1L));
        }
    }
}
