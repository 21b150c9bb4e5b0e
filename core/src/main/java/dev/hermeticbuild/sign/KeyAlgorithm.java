package dev.hermeticbuild.sign;

import dev.hermeticbuild.InputException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Locale;

/** The signing algorithms hermetic-build accepts: ECDSA on P-256 with SHA-256 (default), Ed25519. */
public enum KeyAlgorithm {
    /** ECDSA over NIST P-256 with SHA-256; DER-encoded signatures. */
    ECDSA_P256("ecdsa-p256", "SHA256withECDSA"),
    /** Pure Ed25519 (RFC 8032); 64-byte signatures. */
    ED25519("ed25519", "Ed25519");

    private final String cliName;
    private final String jcaSignature;

    KeyAlgorithm(String cliName, String jcaSignature) {
        this.cliName = cliName;
        this.jcaSignature = jcaSignature;
    }

    /** The name used on the command line, e.g. {@code ecdsa-p256}. */
    public String cliName() {
        return cliName;
    }

    /** The JCA signature algorithm name. */
    public String jcaSignature() {
        return jcaSignature;
    }

    /** Parses a command-line name; the error lists the accepted names. */
    public static KeyAlgorithm fromCliName(String name) {
        for (KeyAlgorithm a : values()) {
            if (a.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new InputException("unsupported algorithm " + name + " (supported: ecdsa-p256, ed25519)");
    }

    /**
     * The algorithm of a public key, or an {@link InputException} naming the unsupported key type
     * (RSA, other curves...).
     */
    public static KeyAlgorithm of(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            if (ec.getParams().getCurve().getField().getFieldSize() == 256
                    && ec.getParams().getOrder().equals(P256.ORDER)) {
                return ECDSA_P256;
            }
            throw new InputException("unsupported key type: EC key on a curve other than P-256"
                    + " (supported: ecdsa-p256, ed25519)");
        }
        if (key instanceof java.security.interfaces.EdECPublicKey ed
                && ed.getParams().getName().equalsIgnoreCase("Ed25519")) {
            return ED25519;
        }
        throw new InputException("unsupported key type " + key.getAlgorithm()
                + " (supported: ecdsa-p256, ed25519)");
    }

    private static final class P256 {
        static final java.math.BigInteger ORDER = new java.math.BigInteger(
                "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    }
}
