package dev.hermeticbuild.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DsseEnvelopeTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void paeMatchesTheSpecExample() {
        // protocol.md of secure-systems-lab/dsse, "Test Vectors".
        assertArrayEquals(utf8("DSSEv1 29 http://example.com/HelloWorld 11 hello world"),
                DsseEnvelope.pae("http://example.com/HelloWorld", utf8("hello world")));
    }

    @Test
    void paeCountsBytesNotCharactersAndKeepsTrailingSpaceForEmptyBody() {
        assertArrayEquals(utf8("DSSEv1 3 tä 0 "), DsseEnvelope.pae("tä", new byte[0]));
        byte[] body = new byte[1234];
        byte[] pae = DsseEnvelope.pae("t", body);
        assertEquals("DSSEv1 1 t 1234 ", new String(pae, 0, 16, StandardCharsets.US_ASCII));
        assertEquals(16 + 1234, pae.length);
    }

    @Test
    void jsonRoundTripsAndUsesStandardBase64() {
        DsseEnvelope e = new DsseEnvelope("application/vnd.in-toto+json", new byte[] {(byte) 0xfb, (byte) 0xff},
                List.of(new DsseSignature("k1", new byte[] {1, 2, 3})));
        String json = new String(e.toJsonBytes(), StandardCharsets.UTF_8);
        assertEquals("{\"payload\":\"+/8=\",\"payloadType\":\"application/vnd.in-toto+json\","
                + "\"signatures\":[{\"sig\":\"AQID\",\"keyid\":\"k1\"}]}", json);
        assertEquals(e, DsseEnvelope.parse(utf8(json)));
    }

    private static String reject(String json) {
        return assertThrows(MalformedBundleException.class, () -> DsseEnvelope.parse(utf8(json))).getMessage();
    }

    @Test
    void rejectsDuplicateKeys() {
        assertEquals("malformed bundle: $ at /payloadType: Duplicate field 'payloadType'",
                reject("{\"payload\":\"AA==\",\"payloadType\":\"a\",\"payloadType\":\"b\",\"signatures\":[{\"sig\":\"AQ==\"}]}"));
    }

    @Test
    void rejectsNonCanonicalBase64() {
        // "AB==" decodes to one byte whose canonical form is "AA==": stray low bits.
        assertEquals("malformed bundle: $.payload: non-canonical base64",
                reject("{\"payload\":\"AB==\",\"payloadType\":\"a\",\"signatures\":[{\"sig\":\"AQ==\"}]}"));
        assertEquals("malformed bundle: $.signatures[0].sig: non-canonical base64",
                reject("{\"payload\":\"AA==\",\"payloadType\":\"a\",\"signatures\":[{\"sig\":\"AQ\"}]}"));
        assertEquals("malformed bundle: $.payload: not base64 (mixes the standard and URL-safe alphabets)",
                reject("{\"payload\":\"+-==\",\"payloadType\":\"a\",\"signatures\":[{\"sig\":\"AQ==\"}]}"));
    }

    @Test
    void acceptsCanonicalUrlSafeBase64AsTheDsseSpecRequires() {
        DsseEnvelope e = DsseEnvelope.parse(utf8(
                "{\"payload\":\"-_8=\",\"payloadType\":\"a\",\"signatures\":[{\"sig\":\"AQ==\"}]}"));
        assertArrayEquals(new byte[] {(byte) 0xfb, (byte) 0xff}, e.payload());
    }

    @Test
    void rejectsEmptySignatureListTrailingGarbageTruncationAndWrongTypes() {
        assertEquals("malformed bundle: $.signatures: empty signature list",
                reject("{\"payload\":\"AA==\",\"payloadType\":\"a\",\"signatures\":[]}"));
        assertEquals("malformed bundle: $.payloadType: missing",
                reject("{\"payload\":\"AA==\",\"signatures\":[{\"sig\":\"AQ==\"}]}"));
        assertEquals("malformed bundle: $.signatures[0].sig: must be a string, found number",
                reject("{\"payload\":\"AA==\",\"payloadType\":\"a\",\"signatures\":[{\"sig\":1}]}"));
        String trailing = reject("{\"payload\":\"AA==\",\"payloadType\":\"a\",\"signatures\":[{\"sig\":\"AQ==\"}]} {}");
        assertEquals(true, trailing.startsWith("malformed bundle: $: Trailing token"), trailing);
        String truncated = reject("{\"payload\":\"AA==\",\"payloadType\":\"a\",\"signatures\":[{\"si");
        assertEquals(true, truncated.startsWith("malformed bundle: $ at /signatures/0"), truncated);
        assertEquals("malformed bundle: $: empty document", reject(""));
    }
}
