package dev.hermeticbuild.admission;

import static dev.hermeticbuild.admission.AdmissionFixtures.GOOD;
import static dev.hermeticbuild.admission.AdmissionFixtures.SIDE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.provenance.StatementTypes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook over real TLS on 127.0.0.1, answering real AdmissionReview requests. */
class AdmissionServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private WebhookTls tls;
    private AdmissionServer server;
    private HttpClient client;
    private final ByteArrayOutputStream auditBytes = new ByteArrayOutputStream();
    private final TableVerifier registry = new TableVerifier()
            .with(GOOD, ImageVerdict.pass(Set.of(StatementTypes.SLSA_PROVENANCE_V1)))
            .with(SIDE, ImageVerdict.pass(Set.of(StatementTypes.SLSA_PROVENANCE_V1)));

    @BeforeEach
    void start() {
        tls = new WebhookTls(dir);
        AdmissionPolicy policy = AdmissionPolicyFile.read(AdmissionFixtures.policyFile(dir, AdmissionFixtures.RULES),
                java.time.Clock.systemUTC());
        server = AdmissionServer.start(AdmissionServerOptions.builder(TlsIdentity.load(tls.cert, tls.key))
                .listen(new InetSocketAddress("127.0.0.1", 0)).maxBodyBytes(256 * 1024)
                .audit(AuditLog.to(new PrintStream(auditBytes, true, StandardCharsets.UTF_8))).build(), policy, registry);
        client = HttpClient.newBuilder().sslContext(tls.clientContext()).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private URI uri(String path) {
        return URI.create("https://127.0.0.1:" + server.address().getPort() + path);
    }

    private HttpResponse<String> post(byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri("/validate?timeout=10s")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<JsonNode> auditLines() throws Exception {
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : auditBytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void admitsAVerifiedPodAndDeniesATagOverTls() throws Exception {
        HttpResponse<String> allowed = post(AdmissionFixtures.review("pod-pinned.json"));
        assertEquals(200, allowed.statusCode());
        assertEquals("application/json", allowed.headers().firstValue("Content-Type").orElseThrow());
        JsonNode a = JSON.readTree(allowed.body());
        assertEquals("admission.k8s.io/v1", a.path("apiVersion").asText());
        assertEquals("705ab4f5-6393-11e8-b7cc-42010a800002", a.path("response").path("uid").asText());
        assertTrue(a.path("response").path("allowed").asBoolean(false));

        JsonNode d = JSON.readTree(post(AdmissionFixtures.review("pod-tag.json")).body());
        assertEquals("b1c6e3a0-0c4e-4c1f-9d67-3a8f1e2d7c55", d.path("response").path("uid").asText());
        assertFalse(d.path("response").path("allowed").asBoolean(true));
        assertEquals(403, d.path("response").path("status").path("code").asInt());
        assertTrue(d.path("response").path("status").path("message").asText().contains("not pinned by digest"));

        List<JsonNode> audit = auditLines();
        assertEquals(2, audit.size());
        assertEquals("admission.decision", audit.get(1).path("event").asText());
        assertEquals("Pod", audit.get(1).path("kind").asText());
        assertEquals("team-a", audit.get(1).path("namespace").asText());
        assertEquals("denied", audit.get(1).path("result").asText());
        assertEquals("not-pinned", audit.get(1).path("reasons").get(0).asText());
        assertEquals("spec.containers[0].image", audit.get(1).path("images").get(1).path("path").asText());
    }

    @Test
    void garbageAndOversizedBodiesAreRefusedAndTheServerGoesOn() throws Exception {
        JsonNode garbage = JSON.readTree(post("{\"kind\":".getBytes(StandardCharsets.UTF_8)).body());
        assertFalse(garbage.path("response").path("allowed").asBoolean(true));
        assertEquals("", garbage.path("response").path("uid").asText());
        assertTrue(garbage.path("response").path("status").path("message").asText().contains("not valid JSON"));

        String wrongVersion = AdmissionFixtures.reviewText("pod-pinned.json").replace("\"admission.k8s.io/v1\"", "\"admission.k8s.io/v1beta1\"");
        JsonNode old = JSON.readTree(post(wrongVersion.getBytes(StandardCharsets.UTF_8)).body());
        assertEquals("705ab4f5-6393-11e8-b7cc-42010a800002", old.path("response").path("uid").asText());
        assertFalse(old.path("response").path("allowed").asBoolean(true));

        try (SSLSocket raw = (SSLSocket) tls.clientContext().getSocketFactory().createSocket("127.0.0.1", server.address().getPort())) {
            raw.getOutputStream().write("NOT HTTP AT ALL\r\n\0\0\0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            raw.getOutputStream().flush();
            raw.getInputStream().readAllBytes();
        }
        HttpResponse<String> huge = post(new byte[256 * 1024 + 1]);
        assertEquals(413, huge.statusCode());
        assertEquals(405, get("/validate").statusCode());
        assertEquals(404, get("/").statusCode());
        HttpResponse<String> health = get("/healthz");
        assertEquals(200, health.statusCode());
        assertEquals("ok\n", health.body());
        assertTrue(JSON.readTree(post(AdmissionFixtures.review("cronjob.json")).body()).path("response").path("allowed").asBoolean());
    }

    @Test
    void metricsCountDecisionsByResultAndReasonWithALatencyHistogram() throws Exception {
        post(AdmissionFixtures.review("pod-pinned.json"));
        post(AdmissionFixtures.review("cronjob.json"));
        post(AdmissionFixtures.review("pod-tag.json"));
        post(AdmissionFixtures.review("configmap.json"));
        HttpResponse<String> m = get("/metrics");
        assertEquals(200, m.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", m.headers().firstValue("Content-Type").orElseThrow());
        String text = m.body();
        assertTrue(text.contains("hermetic_admission_decisions_total{result=\"allowed\",reason=\"verified\"} 2\n"), text);
        assertTrue(text.contains("hermetic_admission_decisions_total{result=\"denied\",reason=\"not-pinned\"} 1\n"), text);
        assertTrue(text.contains("hermetic_admission_decisions_total{result=\"denied\",reason=\"unsupported-kind\"} 1\n"), text);
        assertTrue(text.contains("# TYPE hermetic_admission_decision_duration_seconds histogram\n"), text);
        assertTrue(text.contains("hermetic_admission_decision_duration_seconds_bucket{le=\"+Inf\"} 4\n"), text);
        assertTrue(text.contains("hermetic_admission_decision_duration_seconds_count 4\n"), text);
    }

    @Test
    void concurrentRequestsAreEachAnswered() throws Exception {
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> pending = new java.util.ArrayList<>();
        for (int i = 0; i < 32; i++) {
            pending.add(client.sendAsync(HttpRequest.newBuilder(uri("/validate")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(AdmissionFixtures.review(i % 2 == 0 ? "pod-pinned.json" : "pod-tag.json")))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        int allowed = 0;
        for (var p : pending) {
            JsonNode r = JSON.readTree(p.get().body());
            allowed += r.path("response").path("allowed").asBoolean() ? 1 : 0;
        }
        assertEquals(16, allowed);
        assertTrue(server.metrics().render().contains("hermetic_admission_decision_duration_seconds_count 32\n"));
        assertEquals(32, auditLines().size());
    }

    @Test
    void onlyTls12AndUpIsServedAndAClientNotTrustingTheCaFails() throws Exception {
        try (SSLSocket socket = (SSLSocket) tls.clientContext().getSocketFactory().createSocket("127.0.0.1", server.address().getPort())) {
            socket.startHandshake();
            assertTrue(Set.of("TLSv1.3", "TLSv1.2").contains(socket.getSession().getProtocol()));
        }
        try (SSLSocket socket = (SSLSocket) tls.clientContext().getSocketFactory().createSocket("127.0.0.1", server.address().getPort())) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.startHandshake();
            assertEquals("TLSv1.2", socket.getSession().getProtocol());
        }
        HttpClient untrusting = HttpClient.newHttpClient();
        assertThrows(SSLHandshakeException.class, () -> untrusting.send(HttpRequest.newBuilder(uri("/healthz")).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() throws Exception {
        Path otherKey = Files.writeString(dir.resolve("other.key"), dev.hermeticbuild.testing.TestCerts.pem(
                new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(WebhookTls.ecKey().getPrivate(), null)));
        InputException e = assertThrows(InputException.class, () -> TlsIdentity.load(tls.cert, otherKey));
        assertEquals("--tls-key " + otherKey + ": is not the key of the first certificate in --tls-cert " + tls.cert, e.getMessage());
        InputException notCert = assertThrows(InputException.class, () -> TlsIdentity.load(tls.key, tls.key));
        assertTrue(notCert.getMessage().startsWith("--tls-cert " + tls.key + ": holds a"), notCert.getMessage());
        assertEquals("--tls-cert " + dir.resolve("missing.crt") + ": no such file",
                assertThrows(InputException.class, () -> TlsIdentity.load(dir.resolve("missing.crt"), tls.key)).getMessage());
    }
}
