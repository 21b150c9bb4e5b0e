// In-process verification benchmark for hermetic-build DSSE bundles (no JMH: a warm-up, then
// timed single verifications). Run by bench/verify/run.sh as a single-file Java program with
// the CLI jar on the class path; see bench/RESULTS.md.
//
// usage: java -cp cli/target/hermetic.jar bench/verify/VerifyBench.java
//            --alg ecdsa-p256|ed25519 [--n 20000] [--cache] [--out DIR]
// --out writes key.pub and bundle.json there so sigstore-js can verify the very same bundle.

import dev.hermeticbuild.sign.Attestor;
import dev.hermeticbuild.sign.KeyAlgorithm;
import dev.hermeticbuild.sign.KeyGen;
import dev.hermeticbuild.sign.PemKeys;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.sign.Signers;
import dev.hermeticbuild.verify.BundleVerifier;
import dev.hermeticbuild.verify.Keyring;
import dev.hermeticbuild.verify.VerifiedSignatureCache;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

public class VerifyBench {

    public static void main(String[] args) throws Exception {
        String alg = "ecdsa-p256";
        int n = 20_000;
        boolean cache = false;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--alg" -> alg = args[++i];
                case "--n" -> n = Integer.parseInt(args[++i]);
                case "--cache" -> cache = true;
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Signer signer = Signers.of(KeyGen.generate(KeyAlgorithm.fromCliName(alg)));
        String statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"build/hello.jar\","
                + "\"digest\":{\"sha256\":\"" + "ab".repeat(32) + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\","
                + "\"predicate\":{\"buildDefinition\":{\"buildType\":\"https://hermetic-build.dev/build/v1\","
                + "\"externalParameters\":{\"command\":[\"make\"],\"tier\":\"release\",\"outputs\":[\"build/*.jar\"]},"
                + "\"internalParameters\":{\"isolation\":{\"mechanism\":\"bubblewrap\",\"hermetic\":true,\"egressBlocked\":true}},"
                + "\"resolvedDependencies\":[{\"name\":\"source\",\"uri\":\"git+https://git.example.com/app.git\","
                + "\"digest\":{\"gitCommit\":\"" + "0123456789".repeat(4) + "\"}}]},"
                + "\"runDetails\":{\"builder\":{\"id\":\"https://ci.example.com/hermetic\"},\"metadata\":{"
                + "\"invocationId\":\"bench\",\"startedOn\":\"2026-11-28T10:00:00Z\",\"finishedOn\":\"2026-11-28T10:05:00Z\"},"
                + "\"byproducts\":[]}}}";
        byte[] bundle = Attestor.attest(statement.getBytes(StandardCharsets.UTF_8), "bench", signer);
        if (out != null) {
            Files.createDirectories(out);
            Files.writeString(out.resolve("key.pub"), PemKeys.publicPem(signer.publicKey()));
            Files.write(out.resolve("bundle.json"), bundle);
        }
        VerifyPolicy policy = VerifyPolicy.builder().keyring(Keyring.of(signer.publicKey())).artifactRequired(false)
                .builderIds(java.util.Set.of("https://ci.example.com/hermetic")).build();
        VerifiedSignatureCache shared = new VerifiedSignatureCache(cache ? 1024 : 0);
        BundleVerifier verifier = new BundleVerifier(policy, shared);

        for (int i = 0; i < 30_000; i++) {
            verifier.verify(bundle, Optional.empty()); // warm-up: let the JIT finish compiling
        }
        long[] times = new long[n];
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            verifier.verify(bundle, Optional.empty());
            times[i] = System.nanoTime() - t0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(times);
        System.out.printf("BENCH hermetic java=%s alg=%s cache=%s n=%d median_us=%.1f p99_us=%.1f ops_per_s=%.0f%n",
                Runtime.version().feature(), alg, cache ? "on" : "off", n, times[n / 2] / 1e3,
                times[(int) (n * 0.99)] / 1e3, n / seconds);
    }
}
