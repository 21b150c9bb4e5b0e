package dev.hermeticbuild.sign;

import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM key files: PKCS#8 private keys (plain or encrypted with a passphrase) and SubjectPublicKeyInfo
 * public keys, for ECDSA P-256 and Ed25519. Errors name the file and what it holds instead of a
 * usable key (a certificate, an RSA key, a wrong passphrase...).
 */
public final class PemKeys {

    /** PBKDF2-HMAC-SHA256 iterations for encrypted private keys written by keygen. */
    static final int PBKDF2_ITERATIONS = 600_000;

    /** BouncyCastle's provider, built on first use: only encrypted private keys need it, and it takes long to build. */
    private static final class Bc {
        static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();
    }

    private static final ASN1ObjectIdentifier ED25519 = EdECObjectIdentifiers.id_Ed25519;

    private PemKeys() {
    }

    /** Reads a private key file and derives its public key. */
    public static KeyPair readPrivate(Path file, PassphraseSource passphrase) {
        return readPrivate(readPem(file, "key"), "key file " + file, file, passphrase);
    }

    /**
     * Reads a PEM private key held in memory (a CI credential, say) and derives its public key;
     * {@code source} names it in errors, e.g. {@code credential release-key}.
     */
    public static KeyPair readPrivate(byte[] pem, String source, PassphraseSource passphrase) {
        return readPrivate(parsePem(new String(pem, StandardCharsets.UTF_8), source), source, source, passphrase);
    }

    private static KeyPair readPrivate(Object pem, String file, Object keyName, PassphraseSource passphrase) {
        PrivateKeyInfo info;
        if (pem instanceof PrivateKeyInfo pki) {
            info = pki;
        } else if (pem instanceof PEMKeyPair pair) {
            info = pair.getPrivateKeyInfo();
        } else if (pem instanceof PKCS8EncryptedPrivateKeyInfo enc) {
            char[] pass = passphrase.read().orElseThrow(() -> new InputException(file
                    + " is encrypted: give its passphrase" + (file.startsWith("key file ")
                    ? " with --passphrase-env NAME or --passphrase-file FILE" : "")));
            try {
                info = enc.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                        .setProvider(Bc.PROVIDER).build(pass));
            } catch (PKCSException | OperatorCreationException | RuntimeException e) {
                throw new InputException(file
                        + ": wrong passphrase (or corrupt encrypted key)", e);
            } finally {
                Arrays.fill(pass, '\0');
            }
        } else if (pem instanceof PEMEncryptedKeyPair) {
            throw new InputException(file + " uses legacy OpenSSL PEM encryption;"
                    + " convert it to encrypted PKCS#8 (openssl pkcs8 -topk8)");
        } else {
            throw new InputException(file + " " + describe(pem) + ", not a private key");
        }
        return toKeyPair(info, file, keyName);
    }

    /** Reads a SubjectPublicKeyInfo PEM file ({@code -----BEGIN PUBLIC KEY-----}). */
    public static PublicKey readPublic(Path file) {
        Object pem = readPem(file, "public key");
        if (pem instanceof SubjectPublicKeyInfo spki) {
            return publicKey(spki, file);
        }
        throw new InputException("public key file " + file + " " + describe(pem) + ", not a public key");
    }

    /** Reads a SubjectPublicKeyInfo PEM held in memory; {@code source} names it in errors. */
    public static PublicKey readPublic(byte[] pem, String source) {
        Object parsed = parsePem(new String(pem, StandardCharsets.UTF_8), source);
        if (parsed instanceof SubjectPublicKeyInfo spki) {
            return publicKey(spki, source);
        }
        throw new InputException(source + " " + describe(parsed) + ", not a public key");
    }

    /** The public key encoded as PEM SubjectPublicKeyInfo. */
    public static String publicPem(PublicKey key) {
        return pem(new PemObject("PUBLIC KEY", key.getEncoded()));
    }

    /** The private key as PKCS#8 PEM, encrypted (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC) when a passphrase is given. */
    public static String privatePem(PrivateKey key, Optional<char[]> passphrase) {
        if (passphrase.isEmpty()) {
            return pem(new PemObject("PRIVATE KEY", key.getEncoded()));
        }
        try {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                    .setProvider(Bc.PROVIDER)
                    .setPRF(JcaPKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(PBKDF2_ITERATIONS)
                    .setPassword(passphrase.get())
                    .build();
            return pem(new JcaPKCS8Generator(key, encryptor).generate());
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot encrypt private key", e);
        }
    }

    /** Converts a DER SubjectPublicKeyInfo to a JCA key, refusing unsupported key types. */
    public static PublicKey publicKey(byte[] spkiDer, Object source) {
        return publicKey(SubjectPublicKeyInfo.getInstance(spkiDer), source);
    }

    private static PublicKey publicKey(SubjectPublicKeyInfo spki, Object source) {
        String alg = jcaAlgorithm(spki.getAlgorithm(), source);
        try {
            PublicKey key = KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
            KeyAlgorithm.of(key);
            return key;
        } catch (GeneralSecurityException | IOException e) {
            throw new InputException("public key " + source + ": invalid " + alg + " key (" + e.getMessage() + ")", e);
        }
    }

    private static KeyPair toKeyPair(PrivateKeyInfo info, String file, Object keyName) {
        AlgorithmIdentifier algId = info.getPrivateKeyAlgorithm();
        String alg = jcaAlgorithm(algId, keyName);
        try {
            SubjectPublicKeyInfo spki;
            if (alg.equals("EC")) {
                var ec = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
                BigInteger d = ec.getKey();
                ECPoint q = ECNamedCurveTable.getParameterSpec("P-256").getG().multiply(d).normalize();
                spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                        SECObjectIdentifiers.secp256r1), q.getEncoded(false));
            } else {
                byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
                spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(ED25519),
                        new Ed25519PrivateKeyParameters(seed).generatePublicKey().getEncoded());
            }
            KeyFactory kf = KeyFactory.getInstance(alg);
            PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
            PublicKey pub = kf.generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
            return new KeyPair(pub, priv);
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new InputException(file + ": invalid " + alg + " private key ("
                    + e.getMessage() + ")", e);
        }
    }

    /** "EC" (P-256 only) or "Ed25519"; any other key type is an error naming it. */
    private static String jcaAlgorithm(AlgorithmIdentifier algId, Object source) {
        ASN1ObjectIdentifier oid = algId.getAlgorithm();
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            if (algId.getParameters() instanceof ASN1ObjectIdentifier curve
                    && curve.equals(SECObjectIdentifiers.secp256r1)) {
                return "EC";
            }
            throw new InputException("key " + source + ": unsupported key type: EC curve "
                    + algId.getParameters() + " (supported: ecdsa-p256, ed25519)");
        }
        if (oid.equals(ED25519)) {
            return "Ed25519";
        }
        String name = oid.getId().equals("1.2.840.113549.1.1.1") ? "RSA"
                : oid.equals(EdECObjectIdentifiers.id_Ed448) ? "Ed448" : "OID " + oid.getId();
        throw new InputException("key " + source + ": unsupported key type " + name
                + " (supported: ecdsa-p256, ed25519)");
    }

    private static Object readPem(Path file, String what) {
        String text;
        try {
            if (Files.size(file) > 1024 * 1024) {
                throw new InputException(what + " file " + file + " is larger than 1 MiB: not a key file");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(what + " file " + file + ": no such file");
        } catch (IOException e) {
            throw new InputException(what + " file " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return parsePem(text, what + " file " + file);
    }

    private static Object parsePem(String text, String source) {
        try (Reader r = new java.io.StringReader(text); PEMParser parser = new PEMParser(r)) {
            Object first = parser.readObject();
            if (first == null) {
                throw new InputException(source + " holds no PEM object");
            }
            return first;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputException ie) {
                throw ie;
            }
            throw new InputException(source + ": unreadable PEM (" + e.getMessage() + ")", e);
        }
    }

    private static String describe(Object pem) {
        if (pem instanceof X509CertificateHolder) {
            return "holds a certificate";
        }
        if (pem instanceof SubjectPublicKeyInfo) {
            return "holds a public key";
        }
        if (pem instanceof PrivateKeyInfo || pem instanceof PEMKeyPair || pem instanceof PKCS8EncryptedPrivateKeyInfo) {
            return "holds a private key";
        }
        return "holds a " + pem.getClass().getSimpleName();
    }

    private static String pem(PemObject object) {
        StringWriter w = new StringWriter();
        try (PemWriter pw = new PemWriter(w)) {
            pw.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }
}
