package dev.hermeticbuild.image.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.testing.TestCerts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registries send blob downloads to their storage on another host (Docker Hub to a CDN, GHCR,
 * ECR and Harbor to object storage). Two real TLS servers on 127.0.0.1 under one test CA: the
 * registry, which wants a login and answers a blob with a redirect, and the storage on another
 * port. The bytes are fetched and checked by digest; the login never reaches the storage.
 */
class BlobStorageRedirectTest {

    private static final byte[] BUNDLE = "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"}".getBytes(StandardCharsets.UTF_8);
    private static final String SHA = Sha256.ofBytes(BUNDLE);
    private static final String LOGIN = "Basic " + Base64.getEncoder().encodeToString("ci:s3cret".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    private HttpsServer registry;
    private HttpsServer storage;
    private Path ca;
    private final List<String> storageAuthorization = new CopyOnWriteArrayList<>();
    private volatile HttpHandler storageAnswer;

    @BeforeEach
    void start() throws Exception {
        KeyPair caKey = TestCerts.p256();
        KeyPair serverKey = TestCerts.p256();
        X509CertificateHolder caCert = TestCerts.caCertificate(caKey, "storage test CA");
        X509CertificateHolder serverCert = TestCerts.serverCertificate(serverKey.getPublic(), "storage test CA", caKey.getPrivate(), "127.0.0.1");
        ca = Files.writeString(dir.resolve("ca.pem"), TestCerts.pem(caCert));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        JcaX509CertificateConverter x509 = new JcaX509CertificateConverter();
        keys.setKeyEntry("server", serverKey.getPrivate(), new char[0], new Certificate[] {x509.getCertificate(serverCert), x509.getCertificate(caCert)});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);

        storage = https(tls, exchange -> {
            storageAuthorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            storageAnswer.handle(exchange);
        });
        storageAnswer = exchange -> reply(exchange, 200, Map.of(), BUNDLE);
        registry = https(tls, exchange -> {
            if (!LOGIN.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, Map.of("WWW-Authenticate", "Basic realm=\"registry\""), new byte[0]);
            } else if (exchange.getRequestURI().getPath().equals("/v2/team/app/blobs/sha256:" + SHA)) {
                reply(exchange, 307, Map.of("Location", "https://127.0.0.1:" + storage.getAddress().getPort()
                        + "/bucket/" + SHA + "?X-Signature=abc"), new byte[0]);
            } else {
                reply(exchange, 404, Map.of(), new byte[0]);
            }
        });
    }

    @AfterEach
    void stop() {
        registry.stop(0);
        storage.stop(0);
    }

    private static HttpsServer https(SSLContext tls, HttpHandler handler) throws IOException {
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(tls));
        s.createContext("/", handler);
        s.start();
        return s;
    }

    private static void reply(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    private RegistryClient client() {
        String host = "127.0.0.1:" + registry.getAddress().getPort();
        return new RegistryClient(host, RegistryOptions.defaults().withCaCertificates(ca)
                .withCredentials(Map.of(host, new RegistryCredentials("ci", "s3cret"))));
    }

    @Test
    void aBundleOnTheRegistrysStorageIsFetchedWithoutTheLogin() {
        assertArrayEquals(BUNDLE, client().getBlob("team/app", SHA, 1024));
        assertEquals(List.of("null"), storageAuthorization, "the storage host got no Authorization header");
    }

    @Test
    void aBlobDownloadFollowsTheSameRedirectWithoutTheLogin() throws Exception {
        Path target = dir.resolve("blob");
        client().downloadBlob("team/app", SHA, BUNDLE.length, target);
        assertArrayEquals(BUNDLE, Files.readAllBytes(target));
        assertEquals(List.of("null"), storageAuthorization);
    }

    @Test
    void storageThatAnswersOtherBytesOrAsksForALoginIsRefused() {
        storageAnswer = exchange -> reply(exchange, 200, Map.of(), "{\"other\":true}".getBytes(StandardCharsets.UTF_8));
        RegistryException wrong = assertThrows(RegistryException.class, () -> client().getBlob("team/app", SHA, 1024));
        assertTrue(wrong.getMessage().contains("with content of digest"), wrong.getMessage());
        storageAnswer = exchange -> reply(exchange, 401, Map.of("WWW-Authenticate", "Basic realm=\"storage\""), new byte[0]);
        RegistryException login = assertThrows(RegistryException.class, () -> client().getBlob("team/app", SHA, 1024));
        assertTrue(login.getMessage().contains("which asked for a login: refused"), login.getMessage());
        assertTrue(!login.getMessage().contains("s3cret") && storageAuthorization.stream().allMatch("null"::equals),
                "the login went to the registry only: " + storageAuthorization);
    }

    /** With --registry-ca the registry is trusted through that CA alone; its storage on another host through the JVM's CAs too. */
    @Test
    void theRegistryTrustsOnlyItsCaAndTheStorageTheJvmsToo() throws Exception {
        javax.net.ssl.TrustManagerFactory jvm = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        jvm.init((KeyStore) null);
        int roots = ((javax.net.ssl.X509TrustManager) jvm.getTrustManagers()[0]).getAcceptedIssuers().length;
        assertTrue(roots > 10, "the JVM trusts public CAs: " + roots);
        assertEquals(1, RegistryClient.trustStore(ca, false).size());
        assertEquals(roots + 1, RegistryClient.trustStore(ca, true).size());
    }
}
