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

    /** A fresh P-256 key pair. */
    public static KeyPair p256() {
        try {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
            g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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

    /**
     * A TLS server certificate for {@code subjectKey}, valid now, for the IP address {@code ip}
     * (subject alternative name), issued by {@code caName} with {@code caKey}.
     */
    public static X509CertificateHolder serverCertificate(PublicKey subjectKey, String caName, PrivateKey caKey, String ip) {
        try {
            Date now = new Date();
            return new JcaX509v3CertificateBuilder(new X500Name("CN=" + caName), BigInteger.valueOf(now.getTime()),
                    new Date(now.getTime() - 3_600_000L), new Date(now.getTime() + 86_400_000L), new X500Name("CN=" + ip), subjectKey)
                    .addExtension(org.bouncycastle.asn1.x509.Extension.subjectAlternativeName, false,
                            new org.bouncycastle.asn1.x509.GeneralNames(new org.bouncycastle.asn1.x509.GeneralName(
                                    org.bouncycastle.asn1.x509.GeneralName.iPAddress, ip)))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A TLS client certificate for {@code subjectKey} named {@code cn} (and {@code dns} as a DNS
     * subject alternative name when not null), valid from {@code from} to {@code to}, for the key
     * purpose {@code purpose} (client or server authentication), issued by {@code caName} with {@code caKey}.
     */
    public static X509CertificateHolder clientCertificate(PublicKey subjectKey, String caName, PrivateKey caKey, String cn, String dns,
                                                          Date from, Date to, org.bouncycastle.asn1.x509.KeyPurposeId purpose) {
        try {
            var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + caName), BigInteger.valueOf(System.nanoTime()),
                    from, to, new X500Name("CN=" + cn), subjectKey)
                    .addExtension(org.bouncycastle.asn1.x509.Extension.extendedKeyUsage, false,
                            new org.bouncycastle.asn1.x509.ExtendedKeyUsage(purpose));
            if (dns != null) {
                builder.addExtension(org.bouncycastle.asn1.x509.Extension.subjectAlternativeName, false,
                        new org.bouncycastle.asn1.x509.GeneralNames(new org.bouncycastle.asn1.x509.GeneralName(
                                org.bouncycastle.asn1.x509.GeneralName.dNSName, dns)));
            }
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CA certificate (basic constraints CA) for {@code pair}, self-signed, valid now. */
    public static X509CertificateHolder caCertificate(KeyPair pair, String cn) {
        try {
            Date now = new Date();
            return new JcaX509v3CertificateBuilder(new X500Name("CN=" + cn), BigInteger.valueOf(now.getTime()),
                    new Date(now.getTime() - 3_600_000L), new Date(now.getTime() + 86_400_000L), new X500Name("CN=" + cn), pair.getPublic())
                    .addExtension(org.bouncycastle.asn1.x509.Extension.basicConstraints, true,
                            new org.bouncycastle.asn1.x509.BasicConstraints(true))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code objects} (certificates, keys) as PEM blocks. */
    public static String pem(Object... objects) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            for (Object o : objects) {
                pw.writeObject(o);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
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
