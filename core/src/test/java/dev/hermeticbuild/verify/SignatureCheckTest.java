package dev.hermeticbuild.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.sign.KeyAlgorithm;
import dev.hermeticbuild.sign.KeyGen;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Our BouncyCastle-based checks agree with the JDK's verifiers, and refuse non-DER signatures. */
class SignatureCheckTest {

    private static boolean jdk(KeyPair k, byte[] data, byte[] sig) {
        try {
            Signature s = Signature.getInstance(KeyAlgorithm.of(k.getPublic()).jcaSignature());
            s.initVerify(k.getPublic());
            s.update(data);
            return s.verify(sig);
        } catch (Exception e) {
            return false;
        }
    }

    private static byte[] sign(KeyPair k, byte[] data) throws Exception {
        Signature s = Signature.getInstance(KeyAlgorithm.of(k.getPublic()).jcaSignature());
        s.initSign(k.getPrivate());
        s.update(data);
        return s.sign();
    }

    @Test
    void agreesWithTheJdkOnValidAndCorruptedSignatures() throws Exception {
        Random random = new Random(42);
        for (KeyAlgorithm alg : KeyAlgorithm.values()) {
            KeyPair k = KeyGen.generate(alg);
            KeyPair other = KeyGen.generate(alg);
            int valid = 0;
            for (int i = 0; i < 200; i++) {
                byte[] data = new byte[random.nextInt(300)];
                random.nextBytes(data);
                byte[] sig = sign(k, data);
                if (i % 2 == 1) {
                    sig[random.nextInt(sig.length)] ^= (byte) (1 << random.nextInt(8));
                }
                boolean ours = SignatureCheck.verify(k.getPublic(), data, sig);
                assertEquals(jdk(k, data, sig), ours, alg + " signature " + i);
                assertFalse(SignatureCheck.verify(other.getPublic(), data, sig));
                valid += ours ? 1 : 0;
            }
            assertTrue(valid >= 100, alg + ": every untouched signature verifies, got " + valid);
        }
    }

    @Test
    void refusesNonDerEncodingsOfAValidSignature() throws Exception {
        KeyPair k = KeyGen.generate(KeyAlgorithm.ECDSA_P256);
        byte[] data = {1, 2, 3};
        byte[] der = sign(k, data);
        assertTrue(SignatureCheck.verify(k.getPublic(), data, der));
        byte[] trailing = Arrays.copyOf(der, der.length + 1);
        assertFalse(SignatureCheck.verify(k.getPublic(), data, trailing));
        // long-form length (BER, not DER) for the same sequence
        byte[] longForm = new byte[der.length + 1];
        longForm[0] = 0x30;
        longForm[1] = (byte) 0x81;
        System.arraycopy(der, 1, longForm, 2, der.length - 1);
        assertFalse(SignatureCheck.verify(k.getPublic(), data, longForm));
        assertFalse(SignatureCheck.verify(k.getPublic(), data, new byte[0]));
    }
}
