package dev.hermeticbuild.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real OCI registry for tests: Debian's {@code docker-registry} (CNCF Distribution 2.8) on
 * 127.0.0.1 and a free port, over TLS with a certificate from a CA made for this registry alone,
 * storing into a temporary directory. Ready once the registry logs that it listens; stop with
 * {@link #close()}. Skips on a developer machine without the package, fails under CI.
 */
public final class OciRegistry implements AutoCloseable {

    /** Where Debian's docker-registry package installs the server. */
    public static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final Process process;
    private final int port;
    private final Path caPem;
    private final Path log;

    private OciRegistry(Process process, int port, Path caPem, Path log) {
        this.process = process;
        this.port = port;
        this.caPem = caPem;
        this.log = log;
    }

    /** More of the registry's configuration, made once its CA exists: an {@code auth:} section, for instance. */
    @FunctionalInterface
    public interface Extra {
        List<String> lines(Path dir, KeyPair caKey, X509CertificateHolder ca) throws IOException;
    }

    /** Starts a registry storing under {@code dir} (a fresh temporary directory of the test). */
    public static OciRegistry start(Path dir) {
        return start(dir, (d, key, ca) -> List.of());
    }

    /**
     * A registry that lets in only {@code user} with {@code password}, by HTTP Basic (its htpasswd
     * authentication, a bcrypt hash of the password).
     */
    public static OciRegistry startWithBasicAuth(Path dir, String user, String password) {
        return start(dir, (d, key, ca) -> {
            Path htpasswd = d.resolve("htpasswd");
            byte[] salt = new byte[16];
            new java.security.SecureRandom().nextBytes(salt);
            Files.writeString(htpasswd, user + ":" + org.bouncycastle.crypto.generators.OpenBSDBCrypt.generate("2a",
                    password.toCharArray(), salt, 4) + "\n");
            return List.of("auth:", "  htpasswd:", "    realm: hermetic-test", "    path: " + htpasswd);
        });
    }

    /** Starts a registry storing under {@code dir}, with {@code extra} configuration. */
    public static OciRegistry start(Path dir, Extra extra) {
        Tools.require("docker-registry", Files.isExecutable(BINARY),
                "the registry tests push to a real CNCF Distribution (apt-get install -y docker-registry)");
        try {
            int port = freePort();
            KeyPair caKey = ecKey();
            X509CertificateHolder ca = caCertificate(caKey);
            KeyPair serverKey = ecKey();
            X509CertificateHolder server = serverCertificate(serverKey, caKey, ca);
            Path caPem = write(dir.resolve("ca.pem"), ca);
            Path certPem = write(dir.resolve("server.pem"), server);
            Path keyPem = dir.resolve("server.key");
            Files.writeString(keyPem, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(serverKey.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            Path config = dir.resolve("config.yml");
            Files.writeString(config, String.join("\n",
                    "version: 0.1",
                    "log:",
                    "  level: info",
                    "  accesslog:",
                    "    disabled: true",
                    "storage:",
                    "  filesystem:",
                    "    rootdirectory: " + dir.resolve("storage"),
                    "  delete:",
                    "    enabled: true",
                    "http:",
                    "  addr: 127.0.0.1:" + port,
                    "  secret: test-only-upload-state-secret",
                    "  tls:",
                    "    certificate: " + certPem,
                    "    key: " + keyPem,
                    ""));
            Files.write(config, extra.lines(dir, caKey, ca), java.nio.file.StandardOpenOption.APPEND);
            Path log = dir.resolve("registry.log");
            Process p = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                    .redirectErrorStream(true).start();
            CountDownLatch listening = new CountDownLatch(1);
            Thread reader = new Thread(() -> copyLog(p, log, "listening on 127.0.0.1:" + port, listening),
                    "docker-registry-log");
            reader.setDaemon(true);
            reader.start();
            if (!listening.await(30, TimeUnit.SECONDS) || !p.isAlive()) {
                p.destroyForcibly();
                throw new AssertionError("docker-registry did not start listening (within 30 s); log:\n" + Files.readString(log));
            }
            return new OciRegistry(p, port, caPem, log);
        } catch (IOException e) {
            throw new AssertionError("cannot start docker-registry: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while starting docker-registry", e);
        }
    }

    /** {@code 127.0.0.1:PORT}: the registry part of an image reference. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** The PEM file of the CA that issued the registry's certificate: what a client must trust. */
    public Path caPem() {
        return caPem;
    }

    /** What the registry has logged so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the registry and waits for it to exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copyLog(Process p, Path log, String readyLine, CountDownLatch listening) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(line + "\n");
                out.flush();
                if (line.contains(readyLine)) {
                    listening.countDown();
                }
            }
        } catch (IOException e) {
            // the registry stopped; the log ends here
        } finally {
            listening.countDown();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    static KeyPair ecKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509CertificateHolder caCertificate(KeyPair key) {
        try {
            X500Name name = new X500Name("CN=hermetic test registry CA");
            return new JcaX509v3CertificateBuilder(name, BigInteger.ONE, notBefore(), notAfter(), name, key.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static X509CertificateHolder serverCertificate(KeyPair key, KeyPair caKey, X509CertificateHolder ca) {
        try {
            return new JcaX509v3CertificateBuilder(ca.getSubject(), BigInteger.TWO, notBefore(), notAfter(),
                    new X500Name("CN=127.0.0.1"), key.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Date notBefore() {
        return new Date(System.currentTimeMillis() - 3_600_000L);
    }

    private static Date notAfter() {
        return new Date(System.currentTimeMillis() + 86_400_000L);
    }

    private static Path write(Path file, Object pemObject) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(pemObject);
        }
        Files.writeString(file, w.toString());
        return file;
    }
}
