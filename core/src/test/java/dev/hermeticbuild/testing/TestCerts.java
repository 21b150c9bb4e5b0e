package dev.hermeticbuild.testing;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates for tests: a certificate is not a key, and PKCS#11 tokens pair keys with them. */
public final class TestCerts {

    private TestCerts() {
    }

    /** A certificate for {@code subjectKey}, signed by {@code issuerKey} (ECDSA). */
    public static X509CertificateHolder certificate(PublicKey subjectKey, PrivateKey issuerKey, String cn) {
        try {
            Date now = new Date(1_700_000_000_000L);
            return new JcaX509v3CertificateBuilder(new X500Name("CN=" + cn), BigInteger.ONE, now,
                    new Date(now.getTime() + 86_400_000L * 3650), new X500Name("CN=" + cn), subjectKey)
                    .build(new JcaContentSignerBuilder(issuerKey.getAlgorithm().equals("EC")
                            ? "SHA256withECDSA" : "Ed25519").build(issuerKey));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed certificate as PEM. */
    public static String selfSignedPem(KeyPair pair) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(certificate(pair.getPublic(), pair.getPrivate(), "test"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }
}
