package dev.hermeticbuild.admission;

import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The webhook's TLS identity, read from PEM files as cert-manager and {@code kubectl create secret
 * tls} write them: a certificate chain (server first) and an unencrypted private key (PKCS#8, EC
 * or RSA), checked to belong together.
 */
public final class TlsIdentity {

    /** The protocols served; anything older is refused in the handshake. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final List<X509Certificate> chain;
    private final PrivateKey key;

    private TlsIdentity(List<X509Certificate> chain, PrivateKey key) {
        this.chain = List.copyOf(chain);
        this.key = key;
    }

    /** Reads and checks {@code certFile} and {@code keyFile}; errors name the option and file. */
    public static TlsIdentity load(Path certFile, Path keyFile) {
        List<X509Certificate> chain = certificates(certFile, "--tls-cert");
        List<Object> keys = pemObjects(keyFile, "--tls-key");
        if (keys.size() != 1) {
            throw new InputException("--tls-key " + keyFile + ": expected exactly one private key, found " + keys.size() + " PEM blocks");
        }
        PrivateKey key = privateKey(keys.get(0), keyFile);
        if (!matches(key, chain.get(0))) {
            throw new InputException("--tls-key " + keyFile + ": is not the key of the first certificate in --tls-cert " + certFile);
        }
        return new TlsIdentity(chain, key);
    }

    /** The certificates of a PEM file holding nothing else, at least one; errors name {@code option} and the file. */
    static List<X509Certificate> certificates(Path file, String option) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object o : pemObjects(file, option)) {
            if (!(o instanceof X509CertificateHolder holder)) {
                throw new InputException(option + " " + file + ": holds a " + o.getClass().getSimpleName()
                        + ", expected only CERTIFICATE blocks");
            }
            try {
                certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
            } catch (GeneralSecurityException e) {
                throw new InputException(option + " " + file + ": unreadable certificate: " + e.getMessage(), e);
            }
        }
        if (certificates.isEmpty()) {
            throw new InputException(option + " " + file + ": no CERTIFICATE block in it");
        }
        return certificates;
    }

    private static List<Object> pemObjects(Path file, String option) {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(reader)) {
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                objects.add(o);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException(option + " " + file + ": no such file", e);
        } catch (IOException | RuntimeException e) {
            throw new InputException(option + " " + file + ": not a PEM file: " + e.getMessage(), e);
        }
        return objects;
    }

    private static PrivateKey privateKey(Object o, Path file) {
        if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new InputException("--tls-key " + file + ": the key is encrypted; give the unencrypted key the TLS secret holds");
        }
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
        } catch (IOException e) {
            throw new InputException("--tls-key " + file + ": unreadable private key: " + e.getMessage(), e);
        }
        throw new InputException("--tls-key " + file + ": holds a " + o.getClass().getSimpleName() + ", expected a PRIVATE KEY block");
    }

    private static boolean matches(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new InputException("--tls-key: unsupported key algorithm " + key.getAlgorithm() + " (use EC or RSA)");
        };
        try {
            byte[] probe = "hermetic-admission-key-check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** An SSL context serving this identity, asking for no client certificate. */
    public SSLContext sslContext() {
        return sslContext(null);
    }

    /** An SSL context serving this identity that validates client certificates with {@code trustManagers} (none: null). */
    SSLContext sslContext(javax.net.ssl.TrustManager[] trustManagers) {
        try {
            char[] password = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, password);
            store.setKeyEntry("webhook", key, password, chain.toArray(Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), trustManagers, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a TLS context: " + e.getMessage(), e);
        }
    }

    /** The server certificate (first of the chain). */
    public X509Certificate certificate() {
        return chain.get(0);
    }
}
