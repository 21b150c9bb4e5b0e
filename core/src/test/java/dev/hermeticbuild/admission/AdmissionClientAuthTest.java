package dev.hermeticbuild.admission;

import static dev.hermeticbuild.admission.AdmissionFixtures.GOOD;
import static dev.hermeticbuild.admission.AdmissionFixtures.SIDE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.provenance.StatementTypes;
import dev.hermeticbuild.testing.TestCerts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook with {@code --client-ca}, over real TLS on 127.0.0.1: a review is decided only for a
 * client whose certificate the CA issued (and, with names, that names one of them); anyone else
 * is refused before a byte of the review is read and leaves no audit line and no decision.
 */
class AdmissionClientAuthTest {

    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream auditBytes = new ByteArrayOutputStream();
    private AdmissionServer server;
    private WebhookTls tls;
    private final KeyPair clientCaKey = TestCerts.p256();
    private final X509CertificateHolder clientCa = TestCerts.caCertificate(clientCaKey, "cluster front-proxy CA");

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(List<String> names) throws IOException {
        tls = new WebhookTls(dir);
        Path caFile = Files.writeString(dir.resolve("client-ca.crt"), TestCerts.pem(clientCa));
        AdmissionPolicy policy = AdmissionPolicyFile.read(AdmissionFixtures.policyFile(dir, AdmissionFixtures.RULES), java.time.Clock.systemUTC());
        server = AdmissionServer.start(AdmissionServerOptions.builder(TlsIdentity.load(tls.cert, tls.key))
                .listen(new InetSocketAddress("127.0.0.1", 0)).clients(ClientAuthentication.load(caFile, names))
                .audit(AuditLog.to(new PrintStream(auditBytes, true, StandardCharsets.UTF_8))).build(), policy,
                new TableVerifier().with(GOOD, ImageVerdict.pass(Set.of(StatementTypes.SLSA_PROVENANCE_V1)))
                        .with(SIDE, ImageVerdict.pass(Set.of(StatementTypes.SLSA_PROVENANCE_V1))));
    }

    /**
     * A client presenting {@code certificate} (null: none) for its own key, trusting the webhook's
     * CA. It presents the certificate whatever issuers the server asks for, as a client bent on
     * getting in would: the JDK's own key manager would withhold one the server's CA did not issue.
     */
    private HttpClient client(KeyPair key, X509CertificateHolder certificate) throws Exception {
        KeyManager[] keyManagers = null;
        if (certificate != null) {
            X509Certificate[] chain = {new JcaX509CertificateConverter().getCertificate(certificate)};
            keyManagers = new KeyManager[] {new X509ExtendedKeyManager() {
                @Override
                public String[] getClientAliases(String keyType, Principal[] issuers) {
                    return new String[] {"client"};
                }

                @Override
                public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                    return "client";
                }

                @Override
                public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                    return "client";
                }

                @Override
                public String[] getServerAliases(String keyType, Principal[] issuers) {
                    return null;
                }

                @Override
                public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                    return null;
                }

                @Override
                public X509Certificate[] getCertificateChain(String alias) {
                    return chain;
                }

                @Override
                public PrivateKey getPrivateKey(String alias) {
                    return key.getPrivate();
                }
            }};
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", new JcaX509CertificateConverter().getCertificate(tls.caCertificate));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }

    private X509CertificateHolder issued(KeyPair key, String cn, String dns) {
        return TestCerts.clientCertificate(key.getPublic(), "cluster front-proxy CA", clientCaKey.getPrivate(), cn, dns,
                new Date(System.currentTimeMillis() - HOUR), new Date(System.currentTimeMillis() + HOUR), KeyPurposeId.id_kp_clientAuth);
    }

    private HttpResponse<String> post(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.address().getPort() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(AdmissionFixtures.review("pod-pinned.json")))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.address().getPort() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String audit() {
        return auditBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aReviewWithoutACertificateIsRefusedUnreadWhileProbesAndTheScrapeNeedNone() throws Exception {
        start(List.of());
        HttpClient anonymous = client(null, null);
        for (String path : List.of("/validate", "/mutate")) {
            HttpResponse<String> refused = post(anonymous, path);
            assertEquals(401, refused.statusCode(), path);
            assertTrue(refused.body().contains("client certificate issued by the webhook's --client-ca is required"), refused.body());
        }
        assertEquals("", audit(), "a refused review is no decision");
        assertEquals(200, get(anonymous, "/healthz").statusCode());
        String metrics = get(anonymous, "/metrics").body();
        assertTrue(metrics.contains("hermetic_admission_refused_total{reason=\"no-client-certificate\"} 2"), metrics);
        assertTrue(!metrics.contains("hermetic_admission_decisions_total{"), "no decision counted: " + metrics);
    }

    @Test
    void aCertificateTheCaIssuedGetsItsReviewDecided() throws Exception {
        start(List.of());
        KeyPair key = TestCerts.p256();
        HttpResponse<String> answer = post(client(key, issued(key, "kube-apiserver", null)), "/validate");
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("\"allowed\":true"), answer.body());
        assertEquals(1, audit().lines().count(), audit());
    }

    @Test
    void aCertificateOfAnotherCaAnExpiredOneAndAServerOnlyOneFailTheHandshake() throws Exception {
        start(List.of());
        KeyPair otherCaKey = TestCerts.p256();
        KeyPair key = TestCerts.p256();
        long now = System.currentTimeMillis();
        X509CertificateHolder otherCa = TestCerts.clientCertificate(key.getPublic(), "another CA", otherCaKey.getPrivate(), "kube-apiserver",
                null, new Date(now - HOUR), new Date(now + HOUR), KeyPurposeId.id_kp_clientAuth);
        X509CertificateHolder expired = TestCerts.clientCertificate(key.getPublic(), "cluster front-proxy CA", clientCaKey.getPrivate(),
                "kube-apiserver", null, new Date(now - 3 * HOUR), new Date(now - 2 * HOUR), KeyPurposeId.id_kp_clientAuth);
        X509CertificateHolder serverOnly = TestCerts.clientCertificate(key.getPublic(), "cluster front-proxy CA", clientCaKey.getPrivate(),
                "kube-apiserver", null, new Date(now - HOUR), new Date(now + HOUR), KeyPurposeId.id_kp_serverAuth);
        for (X509CertificateHolder certificate : List.of(otherCa, expired, serverOnly)) {
            HttpClient client = client(key, certificate);
            // the same client code with the CA's own certificate is admitted (above): here the server's validation refuses
            assertThrows(IOException.class, () -> post(client, "/validate"), certificate.getIssuer() + " " + certificate.getNotAfter());
        }
        assertEquals("", audit());
        String metrics = get(client(null, null), "/metrics").body();
        assertTrue(!metrics.contains("hermetic_admission_decisions_total{"), "no decision counted: " + metrics);
        assertTrue(metrics.contains("hermetic_admission_refused_total{reason=\"client-certificate-invalid\"} 3"),
                "each refused handshake is counted, as no request would show it: " + metrics);
    }

    @Test
    void withNamesOnlyACertificateNamingOneOfThemByCnOrDnsNameMaySend() throws Exception {
        start(List.of("kube-apiserver", "webhook-client.kube-system.svc"));
        KeyPair key = TestCerts.p256();
        HttpResponse<String> other = post(client(key, issued(key, "system:node:worker-1", null)), "/validate");
        assertEquals(403, other.statusCode());
        assertTrue(other.body().contains("the client certificate names system:node:worker-1, none of the --client-name values"
                + " kube-apiserver, webhook-client.kube-system.svc"), other.body());
        assertEquals(403, post(client(key, issued(key, "system:node:worker-1", null)), "/mutate").statusCode());
        assertEquals("", audit());

        assertEquals(200, post(client(key, issued(key, "kube-apiserver", null)), "/validate").statusCode());
        assertEquals(200, post(client(key, issued(key, "apiserver-7f9c", "webhook-client.kube-system.svc")), "/validate").statusCode());
        assertEquals(2, audit().lines().count(), audit());
        String metrics = get(client(null, null), "/metrics").body();
        assertTrue(metrics.contains("hermetic_admission_refused_total{reason=\"client-name\"} 2"), metrics);
    }

    @Test
    void badClientCaFilesAndNamesAreRefusedNamingTheOption() throws Exception {
        InputException missing = assertThrows(InputException.class, () -> ClientAuthentication.load(dir.resolve("nope.crt"), List.of()));
        assertEquals("--client-ca " + dir.resolve("nope.crt") + ": no such file", missing.getMessage());
        tls = new WebhookTls(dir);
        InputException key = assertThrows(InputException.class, () -> ClientAuthentication.load(tls.key, List.of()));
        assertTrue(key.getMessage().startsWith("--client-ca " + tls.key + ": holds a "), key.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.crt"), "");
        assertEquals("--client-ca " + empty + ": no CERTIFICATE block in it",
                assertThrows(InputException.class, () -> ClientAuthentication.load(empty, List.of())).getMessage());
        for (String name : List.of("*.kube-system.svc", " kube-apiserver", "", "kube\napiserver")) {
            InputException bad = assertThrows(InputException.class, () -> ClientAuthentication.load(tls.ca, List.of(name)));
            assertTrue(bad.getMessage().startsWith("--client-name '"), bad.getMessage());
            assertTrue(!bad.getMessage().contains("\n"), bad.getMessage());
        }
    }
}
