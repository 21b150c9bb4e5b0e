package dev.hermeticbuild.verify;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.sign.KeyAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;

/**
 * Public-key signature checks with BouncyCastle's lightweight verifiers, which verify ECDSA
 * P-256 about ten times faster than the JDK 17 provider on our machines (see bench/RESULTS.md).
 * ECDSA signatures must be strict DER (re-encoding must give the same bytes); a malformed
 * signature is simply invalid, never an exception.
 */
final class SignatureCheck {

    private static final ECNamedCurveParameterSpec P256 = ECNamedCurveTable.getParameterSpec("P-256");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(P256.getCurve(), P256.getG(),
            P256.getN(), P256.getH());
    /** Converted keys; keyrings are small, so the map is bounded by clearing it when large. */
    private static final Map<PublicKey, CipherParameters> KEYS = new ConcurrentHashMap<>();

    private SignatureCheck() {
    }

    /** Whether {@code sig} is a valid signature of {@code data} by {@code key}. */
    static boolean verify(PublicKey key, byte[] data, byte[] sig) {
        try {
            if (KeyAlgorithm.of(key) == KeyAlgorithm.ECDSA_P256) {
                return verifyEcdsaDigest(key, Sha256.newDigest().digest(data), sig);
            }
            Ed25519Signer v = new Ed25519Signer();
            v.init(false, params(key));
            v.update(data, 0, data.length);
            return v.verifySignature(sig);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code sig} is an ECDSA signature of content whose SHA-256 is {@code sha256}. */
    static boolean verifyEcdsaDigest(PublicKey key, byte[] sha256, byte[] sig) {
        try {
            BigInteger[] rs = strictDer(sig);
            if (rs == null) {
                return false;
            }
            ECDSASigner v = new ECDSASigner();
            v.init(false, params(key));
            return v.verifySignature(sha256, rs[0], rs[1]);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code sig} is an Ed25519 signature of the file's content (streamed in). */
    static boolean verifyEd25519File(PublicKey key, Path file, byte[] sig) {
        Ed25519Signer v = new Ed25519Signer();
        try {
            v.init(false, params(key));
        } catch (RuntimeException e) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                v.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new InputException("artifact " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
        try {
            return v.verifySignature(sig);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** r and s of a DER ECDSA signature, or null unless the bytes are exactly their DER encoding. */
    private static BigInteger[] strictDer(byte[] sig) {
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(sig));
            if (seq.size() != 2) {
                return null;
            }
            BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
            BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
            byte[] again = new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded();
            return Arrays.equals(again, sig) ? new BigInteger[] {r, s} : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static CipherParameters params(PublicKey key) {
        CipherParameters p = KEYS.get(key);
        if (p != null) {
            return p;
        }
        if (key instanceof ECPublicKey ec) {
            var q = P256.getCurve().validatePoint(ec.getW().getAffineX(), ec.getW().getAffineY());
            p = new ECPublicKeyParameters(q, DOMAIN);
        } else {
            byte[] spki = key.getEncoded(); // 12-byte Ed25519 SPKI header, then the 32-byte key
            p = new Ed25519PublicKeyParameters(spki, spki.length - Ed25519PublicKeyParameters.KEY_SIZE);
        }
        if (KEYS.size() > 1024) {
            KEYS.clear();
        }
        KEYS.put(key, p);
        return p;
    }
}
