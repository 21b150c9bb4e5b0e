import dev.hermeticbuild.admission.AdmissionPolicyFile;
import dev.hermeticbuild.admission.AdmissionServer;
import dev.hermeticbuild.admission.AdmissionServerOptions;
import dev.hermeticbuild.admission.AuditLog;
import dev.hermeticbuild.admission.ImageVerdict;
import dev.hermeticbuild.admission.ImageVerifier;
import dev.hermeticbuild.admission.TlsIdentity;
import dev.hermeticbuild.sign.PemKeys;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Warm admission decisions over real TLS on loopback: the webhook with a verifier that passes
 * every digest (a stand-in: no registry is fetched, so this is the cached path plus one
 * verification per distinct digest), a client in the same JVM sending REQUESTS AdmissionReviews
 * (a Deployment with two pinned images, DISTINCT digests in rotation) CONCURRENCY at a time, over
 * kept-alive HTTP/1.1 connections. Prints client-side p50/p99 and decisions per second.
 * Run: java -cp cli/target/hermetic.jar bench/AdmissionBench.java [REQUESTS] [CONCURRENCY] [DISTINCT]
 */
public class AdmissionBench {
    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int distinct = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Path dir = Files.createTempDirectory("admission-bench");
        KeyPair ca = ec();
        KeyPair server = ec();
        Date now = new Date();
        X509CertificateHolder caCert = new JcaX509v3CertificateBuilder(new X500Name("CN=bench CA"), BigInteger.ONE,
                new Date(now.getTime() - 60_000), new Date(now.getTime() + 86_400_000), new X500Name("CN=bench CA"), ca.getPublic())
                .addExtension(Extension.basicConstraints, true, new org.bouncycastle.asn1.x509.BasicConstraints(true))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate()));
        X509CertificateHolder cert = new JcaX509v3CertificateBuilder(new X500Name("CN=bench CA"), BigInteger.TWO,
                new Date(now.getTime() - 60_000), new Date(now.getTime() + 86_400_000), new X500Name("CN=127.0.0.1"), server.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate()));
        Path certFile = Files.writeString(dir.resolve("tls.crt"), pem(cert));
        Path keyFile = Files.writeString(dir.resolve("tls.key"), pem(new JcaPKCS8Generator(server.getPrivate(), null)));
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/k.pub"), PemKeys.publicPem(ec().getPublic()));
        Path policy = Files.writeString(dir.resolve("policy.yaml"),
                "rules:\n  - name: all\n    images: [\"registry.example.com/**\"]\n    keys: keys\n");
        AtomicInteger verifications = new AtomicInteger();
        ImageVerifier passes = (ref, p) -> {
            verifications.incrementAndGet();
            return ImageVerdict.pass(Set.of("https://slsa.dev/provenance/v1"));
        };
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        try (AdmissionServer webhook = AdmissionServer.start(AdmissionServerOptions.builder(TlsIdentity.load(certFile, keyFile))
                .listen(new InetSocketAddress("127.0.0.1", 0)).audit(AuditLog.to(discard)).build(),
                AdmissionPolicyFile.read(policy, Clock.systemUTC()), passes)) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trusting(caCert)).build();
            URI uri = URI.create("https://127.0.0.1:" + webhook.address().getPort() + "/validate");
            run(client, uri, Math.min(1000, requests), concurrency, distinct); // warm-up
            long t0 = System.nanoTime();
            double[] ms = run(client, uri, requests, concurrency, distinct);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Arrays.sort(ms);
            System.out.printf("%s requests=%d concurrency=%d distinct_digests=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f decisions_per_s=%.0f verifications=%d%n",
                    System.getProperty("java.runtime.version"), requests, concurrency, distinct, ms[ms.length / 2],
                    ms[(int) Math.min(ms.length - 1, Math.ceil(ms.length * 0.99) - 1)], ms[ms.length - 1], requests / seconds,
                    verifications.get());
        }
    }

    private static double[] run(HttpClient client, URI uri, int n, int concurrency, int distinct) throws Exception {
        double[] ms = new double[n];
        AtomicInteger next = new AtomicInteger();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(CompletableFuture.runAsync(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    byte[] body = review(i, i % distinct);
                    long t = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200 || !r.body().contains("\"allowed\":true")) {
                            throw new IllegalStateException("unexpected answer: " + r.statusCode() + " " + r.body());
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
            }));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get();
        return ms;
    }

    private static byte[] review(int i, int digest) {
        String d = String.format("%064x", digest);
        String e = String.format("%064x", digest + 1_000_000);
        return ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"bench-" + i + "\","
                + "\"kind\":{\"group\":\"apps\",\"version\":\"v1\",\"kind\":\"Deployment\"},\"namespace\":\"team-a\",\"name\":\"web\","
                + "\"operation\":\"CREATE\",\"object\":{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},"
                + "\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"registry.example.com/team/web@sha256:" + d
                + "\"},{\"name\":\"proxy\",\"image\":\"registry.example.com/team/proxy@sha256:" + e + "\"}]}}}}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static String pem(Object o) throws Exception {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o);
        }
        return w.toString();
    }

    private static SSLContext trusting(X509CertificateHolder ca) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        X509Certificate c = new JcaX509CertificateConverter().getCertificate(ca);
        store.setCertificateEntry("ca", c);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
