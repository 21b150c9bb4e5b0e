package dev.hermeticbuild.admission;

import dev.hermeticbuild.testing.TestCerts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.spec.ECGenParameterSpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * A test CA and a webhook certificate for 127.0.0.1 signed by it, written as the files a TLS
 * secret holds (ca.crt, tls.crt, tls.key in PKCS#8), and a client context trusting the CA.
 */
final class WebhookTls {

    final Path ca;
    final Path cert;
    final Path key;
    final X509CertificateHolder caCertificate;
    final KeyPair serverKey;

    WebhookTls(Path dir) {
        try {
            KeyPair caKey = ecKey();
            serverKey = ecKey();
            caCertificate = TestCerts.caCertificate(caKey, "hermetic test CA");
            X509CertificateHolder server = TestCerts.serverCertificate(serverKey.getPublic(), "hermetic test CA", caKey.getPrivate(), "127.0.0.1");
            ca = Files.writeString(dir.resolve("ca.crt"), TestCerts.pem(caCertificate));
            cert = Files.writeString(dir.resolve("tls.crt"), TestCerts.pem(server, caCertificate));
            key = Files.writeString(dir.resolve("tls.key"), TestCerts.pem(new JcaPKCS8Generator(serverKey.getPrivate(), null)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ecKey() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** A client context that trusts only the test CA. */
    SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", new JcaX509CertificateConverter().getCertificate(caCertificate));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, tmf.getTrustManagers(), null);
            return c;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
