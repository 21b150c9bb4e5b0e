package dev.hermeticbuild.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.bundle.DsseEnvelope;
import dev.hermeticbuild.bundle.MalformedBundleException;
import dev.hermeticbuild.sign.PemKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

/**
 * Our PAE and verification against signatures made by other implementations and published
 * with the DSSE specification (data only, no code taken):
 * <ul>
 * <li>github.com/secure-systems-lab/dsse, protocol.md, section "Test Vectors" (ECDSA P-256,
 *     raw r||s signature by the Python reference implementation);</li>
 * <li>github.com/secure-systems-lab/dsse, testvectors/vectors.json at commit
 *     82043adf78bb4e67c208f9ffa72b38804ea6a0c4 (Ed25519 keys A and B, RFC 8032 test seeds).</li>
 * </ul>
 * A signature made elsewhere verifies here only if our PAE bytes are exactly the spec's.
 */
class DssePublishedVectorsTest {

    private static final String STATEMENT_B64 = "eyJfdHlwZSI6Imh0dHBzOi8vaW4tdG90by5pby9TdGF0ZW1lbnQvdjEifQ==";
    private static final String SIG_A = "2WAfaHm5jluo0w+0rk8uVkluELJYWjSmU9x7EUzx+AyteDGJ4/nqyJXfmAUVFIAoQafWm7AxBZNw5M9ixNHiCA==";
    private static final String SIG_B = "c1+67/aT0yqEpwx8PsVY3MLHsj9D0CZ014/Fv/QlG59P+9CobUZ7xECJ/V3USG0Ob9CiE5LjReEZUzNF2l7eBw==";
    private static final PublicKey KEY_A = ed25519("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    private static final PublicKey KEY_B = ed25519("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
    private static final Map<String, PublicKey> TRUSTED = Map.of("A", KEY_A, "B", KEY_B);

    private static PublicKey ed25519(String rawHex) {
        try {
            byte[] spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
                    HexFormat.of().parseHex(rawHex)).getEncoded();
            return PemKeys.publicKey(spki, "test vector");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DsseEnvelope envelope(String payloadType, String payload, String... sigs) {
        StringBuilder s = new StringBuilder("{\"payload\":\"" + payload + "\",\"payloadType\":\""
                + payloadType + "\",\"signatures\":[");
        for (int i = 0; i < sigs.length; i++) {
            s.append(i > 0 ? "," : "").append(sigs[i]);
        }
        return DsseEnvelope.parse(s.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String sig(String b64, String keyid) {
        return "{\"sig\":\"" + b64 + "\"" + (keyid == null ? "" : ",\"keyid\":\"" + keyid + "\"") + "}";
    }

    @Test
    void specExampleEcdsaSignatureVerifiesOverOurPae() throws Exception {
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec("secp256r1"));
        PublicKey key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(
                new BigInteger("46950820868899156662930047687818585632848591499744589407958293238635476079160"),
                new BigInteger("5640078356564379163099075877009565129882514886557779369047442380624545832820")),
                params.getParameterSpec(ECParameterSpec.class)));
        DsseEnvelope e = DsseEnvelope.parse(("{\"payload\": \"aGVsbG8gd29ybGQ=\", \"payloadType\":"
                + " \"http://example.com/HelloWorld\", \"signatures\": [{\"sig\": "
                + "\"A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA==\"}]}")
                .getBytes(StandardCharsets.UTF_8));
        byte[] raw = e.signatures().get(0).sig();
        byte[] der = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                new ASN1Integer(new BigInteger(1, java.util.Arrays.copyOfRange(raw, 0, 32))),
                new ASN1Integer(new BigInteger(1, java.util.Arrays.copyOfRange(raw, 32, 64)))}).getEncoded();
        assertTrue(SignatureCheck.verify(key, e.pae(), der));
        byte[] tampered = e.pae();
        tampered[tampered.length - 1] ^= 1;
        assertTrue(!SignatureCheck.verify(key, tampered, der));
    }

    @Test
    void singleSignatureAccepted() {
        DsseEnvelope e = envelope("application/vnd.in-toto+json", STATEMENT_B64, sig(SIG_A, "A"));
        assertArrayEquals(HexFormat.of().parseHex("445353457631203238206170706c69636174696f6e2f766e642e696e2d746f746f2b6a736f6e203433207b225f74797065223a2268747470733a2f2f696e2d746f746f2e696f2f53746174656d656e742f7631227d"), e.pae());
        assertEquals(Set.of("A"), DsseVerifier.acceptedKeys(e, TRUSTED));
    }

    @Test
    void urlSafeBase64Accepted() {
        DsseEnvelope e = envelope("application/vnd.in-toto+json", "-_-_Pj8=",
                sig("P-_KHICeR7tI6S_YyejJTRtrXhcQyQ2LYPaL8h90KjC9qN8HU_svOQ6TuDOT1HIrsGW886DbWNWcCmX5twLrAw==", "A"));
        assertArrayEquals(HexFormat.of().parseHex("445353457631203238206170706c69636174696f6e2f766e642e696e2d746f746f2b6a736f6e203520fbffbf3e3f"), e.pae());
        assertEquals(Set.of("A"), DsseVerifier.acceptedKeys(e, TRUSTED));
    }

    @Test
    void payloadTypeSwappedRejected() {
        DsseEnvelope e = envelope("application/vnd.example.other+json", STATEMENT_B64, sig(SIG_A, "A"));
        assertEquals(Set.of(), DsseVerifier.acceptedKeys(e, TRUSTED));
    }

    @Test
    void nonAsciiPayloadTypeLengthIsInBytes() {
        DsseEnvelope e = envelope("application/vnd.exämple+json", STATEMENT_B64,
                sig("xmSk/ug66ysT7ayhkCIjhAq42zgZXSsEWuzUaNL7w2eGAdF/NU6/fRXPtmfN+5DNSAs5/i2lUnHjbbjPsu0tAw==", "A"));
        assertEquals(Set.of("A"), DsseVerifier.acceptedKeys(e, TRUSTED));
    }

    @Test
    void emptyPayloadSignedWithTrailingSpace() {
        DsseEnvelope e = envelope("application/vnd.in-toto+json", "",
                sig("gSggCAaTLTYyRH6FIDBem6meyIynsYy8RTHVzwx9tnTb7Bg/1jMWnuVgI/gffqmbsC2VX5/jHfkkDqsj7CDbDg==", "A"));
        assertEquals(Set.of("A"), DsseVerifier.acceptedKeys(e, TRUSTED));
    }

    @Test
    void emptyPayloadTypeRejectedAtParse() {
        MalformedBundleException e = assertThrows(MalformedBundleException.class, () -> envelope("", STATEMENT_B64,
                sig("iC3q/+3Rm0+lpAJRueDmDh15PnwCfxKmS0NAfKsbv+zgulXQC/WM9trc+j1XEqlwDIg/vf/uNfebeD6sxInrDg==", "A")));
        assertEquals("malformed bundle: $.payloadType: empty string", e.getMessage());
    }

    @Test
    void thresholdCountsUniqueKeysWithOrWithoutKeyids() {
        assertEquals(Set.of("A", "B"), DsseVerifier.acceptedKeys(
                envelope("application/vnd.in-toto+json", STATEMENT_B64, sig(SIG_A, "A"), sig(SIG_B, "B")), TRUSTED));
        assertEquals(Set.of("A"), DsseVerifier.acceptedKeys(
                envelope("application/vnd.in-toto+json", STATEMENT_B64, sig(SIG_A, "A"), sig(SIG_A, "A")), TRUSTED));
        assertEquals(Set.of("A", "B"), DsseVerifier.acceptedKeys(
                envelope("application/vnd.in-toto+json", STATEMENT_B64, sig(SIG_A, null), sig(SIG_B, null)), TRUSTED));
    }
}
