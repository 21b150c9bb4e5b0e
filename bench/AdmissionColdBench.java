import dev.hermeticbuild.admission.AdmissionPolicyFile;
import dev.hermeticbuild.admission.AdmissionServer;
import dev.hermeticbuild.admission.AdmissionServerOptions;
import dev.hermeticbuild.admission.AuditLog;
import dev.hermeticbuild.admission.ImagePattern;
import dev.hermeticbuild.admission.ImageVerdict;
import dev.hermeticbuild.admission.ImageVerifier;
import dev.hermeticbuild.admission.TlsIdentity;
import dev.hermeticbuild.image.AssembledImage;
import dev.hermeticbuild.image.BaseImage;
import dev.hermeticbuild.image.ImageAssembly;
import dev.hermeticbuild.image.ImageSpec;
import dev.hermeticbuild.image.LayerSpec;
import dev.hermeticbuild.image.registry.ImageRef;
import dev.hermeticbuild.image.registry.ImageVerification;
import dev.hermeticbuild.image.registry.Referrers;
import dev.hermeticbuild.image.registry.RegistryImageVerifier;
import dev.hermeticbuild.image.registry.RegistryOptions;
import dev.hermeticbuild.image.registry.RegistryPush;
import dev.hermeticbuild.sign.Attestor;
import dev.hermeticbuild.sign.JcaSigner;
import dev.hermeticbuild.sign.KeyAlgorithm;
import dev.hermeticbuild.sign.KeyGen;
import dev.hermeticbuild.sign.PemKeys;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Cold and warm admission decisions against a real registry on loopback: Debian's docker-registry
 * (plain http, 127.0.0.1) holding IMAGES images, each with a signed provenance attached as a
 * referrer (tag schema, as Distribution 2.8 has no referrers API). The webhook (real TLS) verifies
 * each through the registry verifier: the first request per digest is cold (referrers fetched,
 * bundles fetched and verified), the second pass warm (the verdict cache). One request at a time.
 * Then, when wrk is installed, load from a second process: wrk over TLS on loopback, rotating
 * through the same reviews, at 1, 8 and 32 connections for 10 s each (decisions per second, latency).
 * Run: java -cp cli/target/hermetic.jar bench/AdmissionColdBench.java [IMAGES]
 */
public class AdmissionColdBench {
    public static void main(String[] args) throws Exception {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path dir = Files.createTempDirectory("admission-cold-bench");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("config.yml"), "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n"
                + "storage:\n  filesystem:\n    rootdirectory: " + dir.resolve("storage") + "\nhttp:\n  addr: 127.0.0.1:" + port
                + "\n  secret: bench-only\n");
        Process registry = new ProcessBuilder("/usr/bin/docker-registry", "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        try {
            HttpClient plain = HttpClient.newHttpClient();
            for (int tries = 0; ; tries++) {
                try {
                    plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    break;
                } catch (java.io.IOException e) {
                    if (tries > 300) {
                        throw e;
                    }
                    Thread.onSpinWait();
                    Thread.sleep(10); // a bench, not a test: waiting for a child process to listen
                }
            }
            String host = "127.0.0.1:" + port;
            RegistryOptions options = RegistryOptions.defaults().withPlainHttp();
            KeyPair key = KeyGen.generate(KeyAlgorithm.ECDSA_P256);
            Files.createDirectories(dir.resolve("keys"));
            Files.writeString(dir.resolve("keys/release.pub"), PemKeys.publicPem(key.getPublic()));
            JcaSigner signer = new JcaSigner(key.getPrivate(), key.getPublic(), null);
            List<String> digests = new ArrayList<>();
            long setup = System.nanoTime();
            for (int i = 0; i < images; i++) {
                Path content = Files.writeString(dir.resolve("app" + i + ".txt"), "app " + i);
                AssembledImage image = ImageAssembly.assemble(ImageSpec.builder(Optional.<BaseImage>empty(), dir.resolve("image" + i))
                        .layer(new LayerSpec(content, "/srv/app.txt")).build());
                var pushed = new RegistryPush(options).push(image.layout(), ImageRef.parse(host + "/team/app" + i, "bench"));
                Path bundle = Files.write(dir.resolve("provenance" + i + ".sigstore.json"),
                        Attestor.attest(statement(image.digest().substring(7)).getBytes(StandardCharsets.UTF_8), "bench", signer));
                new Referrers(options).attach(pushed.ref(), pushed.mediaType(), pushed.size(), bundle);
                digests.add(pushed.ref().toString());
            }
            System.out.printf("setup: %d images assembled, pushed and attested in %.1f s%n", images, (System.nanoTime() - setup) / 1e9);

            Path policy = Files.writeString(dir.resolve("policy.yaml"), "rules:\n  - name: all\n    images: [\"" + host
                    + "/**\"]\n    keys: keys\n    builderIds: [\"https://ci.example.com/hermetic\"]\n");
            RegistryImageVerifier verifier = new RegistryImageVerifier(options);
            ImageVerifier fromRegistry = (ref, p) -> {
                ImageVerification v = verifier.verify(ImageRef.parse(ImagePattern.canonicalName(ref.name()) + "@" + ref.digest().orElseThrow(),
                        "image"), p);
                return v.ok() ? ImageVerdict.pass(v.passed().stream().map(a -> a.result().predicateType()).flatMap(Optional::stream)
                        .collect(Collectors.toSet())) : ImageVerdict.fail(v.rejected().stream().flatMap(r -> r.failures().stream()).toList());
            };
            Tls tls = new Tls(dir);
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
            try (AdmissionServer webhook = AdmissionServer.start(AdmissionServerOptions.builder(TlsIdentity.load(tls.cert, tls.key))
                    .listen(new InetSocketAddress("127.0.0.1", 0)).audit(AuditLog.to(discard)).build(),
                    AdmissionPolicyFile.read(policy, Clock.systemUTC()), fromRegistry)) {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls.client).build();
                URI uri = URI.create("https://127.0.0.1:" + webhook.address().getPort() + "/validate");
                admit(client, uri, digests.get(0), 0); // the first TLS connection and class loading, not counted
                report("cold (registry fetch + verify)", pass(client, uri, digests.subList(1, digests.size())));
                report("warm (cached verdict)", pass(client, uri, digests.subList(1, digests.size())));
                load(dir, webhook.address().getPort(), digests.subList(1, digests.size()));
            }
        } finally {
            registry.destroy();
        }
    }

    /** wrk, a second process, against the webhook (each review was answered allowed in the warm pass; wrk counts non-2xx answers). */
    private static void load(Path dir, int port, List<String> refs) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            System.out.println("load from a second process: skipped (apt-get install wrk)");
            return;
        }
        StringBuilder bodies = new StringBuilder();
        for (int i = 0; i < refs.size(); i++) {
            bodies.append(review(refs.get(i), i)).append('\n');
        }
        Path bodyFile = Files.writeString(dir.resolve("reviews.jsonl"), bodies);
        Path script = Files.writeString(dir.resolve("reviews.lua"), String.join("\n",
                "local bodies, i = {}, 0",
                "for line in io.lines(\"" + bodyFile + "\") do bodies[#bodies + 1] = line end",
                "request = function()",
                "  i = i % #bodies + 1",
                "  return wrk.format(\"POST\", \"/validate\", {[\"Content-Type\"] = \"application/json\"}, bodies[i])",
                "end",
                "done = function(summary, latency, requests)",
                "  io.write(string.format(\"  wrk: %d requests, %.0f/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, socket errors %d\\n\",",
                "    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1e3,",
                "    latency:percentile(99) / 1e3, latency.max / 1e3,",
                "    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))",
                "end", ""));
        for (int connections : new int[] {1, 8, 32}) {
            Process wrk = new ProcessBuilder("/usr/bin/wrk", "-t" + Math.min(2, connections), "-c" + connections, "-d10s",
                    "-s", script.toString(), "https://127.0.0.1:" + port + "/validate").redirectErrorStream(true).start();
            String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            wrk.waitFor();
            System.out.println("load from a second process, " + connections + " connection(s):");
            out.lines().filter(l -> l.startsWith("  wrk:") || l.contains("Non-2xx")).forEach(System.out::println);
        }
    }

    private static double[] pass(HttpClient client, URI uri, List<String> refs) throws Exception {
        double[] ms = new double[refs.size()];
        for (int i = 0; i < refs.size(); i++) {
            long t = System.nanoTime();
            admit(client, uri, refs.get(i), i);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    private static void report(String what, double[] ms) {
        Arrays.sort(ms);
        System.out.printf("%s %s: n=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%n", System.getProperty("java.runtime.version"), what,
                ms.length, ms[ms.length / 2], ms[(int) Math.min(ms.length - 1, Math.ceil(ms.length * 0.99) - 1)], ms[ms.length - 1]);
    }

    private static String review(String image, int i) {
        return "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"bench-" + i + "\","
                + "\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},\"namespace\":\"team-a\",\"name\":\"web\","
                + "\"operation\":\"CREATE\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"" + image + "\"}]}}}}";
    }

    private static void admit(HttpClient client, URI uri, String image, int i) throws Exception {
        String body = review(image, i);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().contains("\"allowed\":true")) {
            throw new IllegalStateException("unexpected answer for " + image + ": " + r.statusCode() + " " + r.body());
        }
    }

    /** A hermetic release-tier SLSA provenance naming one image subject. */
    private static String statement(String sha256) {
        return "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"image\",\"digest\":{\"sha256\":\"" + sha256
                + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{\"buildDefinition\":{\"buildType\":"
                + "\"https://hermetic-build.dev/build/v1\",\"externalParameters\":{\"command\":[\"make\"],\"tier\":\"release\","
                + "\"outputs\":[\"dist/app.txt\"]},\"internalParameters\":{\"isolation\":{\"mechanism\":\"bubblewrap\",\"hermetic\":true,"
                + "\"egressBlocked\":true}},\"resolvedDependencies\":[{\"name\":\"source\",\"uri\":\"git+https://git.example.com/app.git\","
                + "\"digest\":{\"gitCommit\":\"0123456789abcdef0123456789abcdef01234567\"}}]},\"runDetails\":{\"builder\":{\"id\":"
                + "\"https://ci.example.com/hermetic\"},\"metadata\":{\"invocationId\":\"bench\",\"startedOn\":\"" + java.time.Instant.now()
                .minusSeconds(60) + "\",\"finishedOn\":\"" + java.time.Instant.now() + "\"},\"byproducts\":[]}}}";
    }

    /** The webhook's certificate for 127.0.0.1 from a bench CA, and a client trusting only it. */
    private static final class Tls {
        final Path cert;
        final Path key;
        final SSLContext client;

        Tls(Path dir) throws Exception {
            KeyPair ca = KeyGen.generate(KeyAlgorithm.ECDSA_P256);
            KeyPair server = KeyGen.generate(KeyAlgorithm.ECDSA_P256);
            Date now = new Date();
            X509CertificateHolder caCert = new JcaX509v3CertificateBuilder(new X500Name("CN=bench CA"), BigInteger.ONE,
                    new Date(now.getTime() - 60_000), new Date(now.getTime() + 86_400_000), new X500Name("CN=bench CA"), ca.getPublic())
                    .addExtension(Extension.basicConstraints, true, new org.bouncycastle.asn1.x509.BasicConstraints(true))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate()));
            X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(new X500Name("CN=bench CA"), BigInteger.TWO,
                    new Date(now.getTime() - 60_000), new Date(now.getTime() + 86_400_000), new X500Name("CN=127.0.0.1"), server.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate()));
            cert = Files.writeString(dir.resolve("tls.crt"), pem(certificate));
            key = Files.writeString(dir.resolve("tls.key"), pem(new JcaPKCS8Generator(server.getPrivate(), null)));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            X509Certificate c = new JcaX509CertificateConverter().getCertificate(caCert);
            store.setCertificateEntry("ca", c);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            client = SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), null);
        }

        private static String pem(Object o) throws Exception {
            StringWriter w = new StringWriter();
            try (JcaPEMWriter p = new JcaPEMWriter(w)) {
                p.writeObject(o);
            }
            return w.toString();
        }
    }
}
