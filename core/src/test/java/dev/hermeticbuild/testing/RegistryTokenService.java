package dev.hermeticbuild.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/**
 * A token service in front of a real registry ({@link OciRegistry} with Distribution's token
 * authentication), as the distribution token specification describes one: {@code GET /token} with
 * {@code service} and {@code scope}, HTTP Basic for {@code user}, answers a JWT (ES256, its
 * certificate in {@code x5c}) granting the scopes asked for; an anonymous request gets a token
 * granting nothing; a wrong password gets 401. It serves https on 127.0.0.1 with a certificate of
 * the registry's CA, so a client trusting that CA trusts both. It records which requests carried a login.
 */
public final class RegistryTokenService implements AutoCloseable {

    public static final String SERVICE = "hermetic-test-registry";
    public static final String ISSUER = "hermetic-test-issuer";

    private final HttpsServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private RegistryTokenService(HttpsServer server) {
        this.server = server;
    }

    /** A registry behind a token service for {@code user}; the service is in {@code holder[0]} once the registry runs. */
    public static OciRegistry startRegistry(Path dir, String user, String password, RegistryTokenService[] holder) {
        return OciRegistry.start(dir, (d, caKey, ca) -> {
            KeyPair signing = OciRegistry.ecKey();
            X509CertificateHolder signingCert = TestCerts.caCertificate(signing, "hermetic test token signer");
            Path bundle = Files.writeString(d.resolve("token-ca.pem"), TestCerts.pem(signingCert));
            holder[0] = start(caKey, ca, signing, signingCert, user, password);
            return List.of("auth:", "  token:", "    realm: " + holder[0].realm(), "    service: " + SERVICE,
                    "    issuer: " + ISSUER, "    rootcertbundle: " + bundle);
        });
    }

    private static RegistryTokenService start(KeyPair caKey, X509CertificateHolder ca, KeyPair signing,
                                              X509CertificateHolder signingCert, String user, String password) throws IOException {
        try {
            KeyPair tlsKey = OciRegistry.ecKey();
            X509Certificate tlsCert = new JcaX509CertificateConverter().getCertificate(OciRegistry.serverCertificate(tlsKey, caKey, ca));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("tls", tlsKey.getPrivate(), new char[0], new java.security.cert.Certificate[] {tlsCert});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            RegistryTokenService service = new RegistryTokenService(server);
            String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            String x5c = Base64.getEncoder().encodeToString(signingCert.getEncoded());
            server.createContext("/token", exchange -> service.answer(exchange, basic, user, signing, x5c));
            server.start();
            return service;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The realm a registry names in its challenges. */
    public String realm() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** Each token request so far, as {@code login|anonymous|refused scope=...}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange, String basic, String user, KeyPair signing, String x5c) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            List<String> scopes = new ArrayList<>();
            String service = "";
            String query = exchange.getRequestURI().getRawQuery();
            for (String pair : (query == null ? "" : query).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    String name = pair.substring(0, eq);
                    String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    if (name.equals("scope")) {
                        scopes.add(value);
                    } else if (name.equals("service")) {
                        service = value;
                    }
                }
            }
            if (auth != null && !auth.equals(basic)) {
                requests.add("refused scope=" + scopes);
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            boolean login = auth != null;
            requests.add((login ? "login" : "anonymous") + " scope=" + scopes);
            List<Map<String, Object>> access = new ArrayList<>();
            if (login && service.equals(SERVICE)) {
                for (String scope : scopes) {
                    String[] parts = scope.split(":");
                    if (parts.length == 3 && parts[0].equals("repository")) {
                        access.add(Map.of("type", "repository", "name", parts[1], "actions", List.of(parts[2].split(","))));
                    }
                }
            }
            long now = Instant.now().getEpochSecond();
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", ISSUER);
            claims.put("sub", login ? user : "");
            claims.put("aud", SERVICE);
            claims.put("exp", now + 300);
            claims.put("nbf", now - 10);
            claims.put("iat", now);
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("access", access);
            ObjectMapper json = new ObjectMapper();
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            String header = url.encodeToString(json.writeValueAsBytes(Map.of("typ", "JWT", "alg", "ES256", "x5c", List.of(x5c))));
            String payload = url.encodeToString(json.writeValueAsBytes(claims));
            Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
            es256.initSign(signing.getPrivate());
            es256.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            String token = header + "." + payload + "." + url.encodeToString(es256.sign());
            byte[] body = json.writeValueAsBytes(Map.of("token", token, "expires_in", 300));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
