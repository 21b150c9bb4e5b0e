// Raw signature verification speed, JDK provider vs BouncyCastle lightweight API, on a
// 1.5 KB message (about the size of a provenance PAE). Why SignatureCheck uses BouncyCastle.
//
// usage: java -cp cli/target/hermetic.jar bench/verify/PrimitiveBench.java [--n 20000]

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.jce.ECNamedCurveTable;

public class PrimitiveBench {

    interface Op {
        boolean run() throws Exception;
    }

    static void time(String name, int n, Op op) throws Exception {
        for (int i = 0; i < n; i++) {
            op.run(); // warm-up
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (!op.run()) {
                throw new IllegalStateException(name + ": verification failed");
            }
        }
        System.out.printf("PRIMITIVE java=%s %s ops_per_s=%.0f%n", Runtime.version().feature(), name,
                n / ((System.nanoTime() - t0) / 1e9));
    }

    public static void main(String[] args) throws Exception {
        int n = args.length == 2 && args[0].equals("--n") ? Integer.parseInt(args[1]) : 20_000;
        byte[] data = new byte[1500];
        new SecureRandom().nextBytes(data);

        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = g.generateKeyPair();
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(ec.getPrivate());
        s.update(data);
        byte[] sig = s.sign();
        time("jdk ecdsa-p256", n, () -> {
            Signature v = Signature.getInstance("SHA256withECDSA");
            v.initVerify(ec.getPublic());
            v.update(data);
            return v.verify(sig);
        });
        var spec = ECNamedCurveTable.getParameterSpec("P-256");
        var w = ((ECPublicKey) ec.getPublic()).getW();
        var pub = new ECPublicKeyParameters(spec.getCurve().validatePoint(w.getAffineX(), w.getAffineY()),
                new ECDomainParameters(spec.getCurve(), spec.getG(), spec.getN(), spec.getH()));
        ASN1Sequence seq = ASN1Sequence.getInstance(sig);
        BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
        BigInteger ss = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
        time("bouncycastle ecdsa-p256", n, () -> {
            ECDSASigner v = new ECDSASigner();
            v.init(false, pub);
            return v.verifySignature(MessageDigest.getInstance("SHA-256").digest(data), r, ss);
        });

        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Signature es = Signature.getInstance("Ed25519");
        es.initSign(ed.getPrivate());
        es.update(data);
        byte[] esig = es.sign();
        time("jdk ed25519", n, () -> {
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(ed.getPublic());
            v.update(data);
            return v.verify(esig);
        });
        byte[] spki = ed.getPublic().getEncoded();
        var edPub = new Ed25519PublicKeyParameters(spki, spki.length - 32);
        time("bouncycastle ed25519", n, () -> {
            Ed25519Signer v = new Ed25519Signer();
            v.init(false, edPub);
            v.update(data, 0, data.length);
            return v.verifySignature(esig);
        });
    }
}
