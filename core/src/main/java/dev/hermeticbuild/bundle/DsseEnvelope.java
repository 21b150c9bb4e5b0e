package dev.hermeticbuild.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A DSSE envelope (https://github.com/secure-systems-lab/dsse, protocol v1): a typed payload
 * and its signatures, each over {@link #pae()}. JSON form: {@code payload} and {@code sig} in
 * standard padded base64, read strictly.
 */
public record DsseEnvelope(String payloadType, byte[] payload, List<DsseSignature> signatures)
        implements BundleContent {

    /** The payloadType of in-toto statements. */
    public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

    public DsseEnvelope {
        Objects.requireNonNull(payloadType, "payloadType");
        payload = payload.clone();
        signatures = List.copyOf(signatures);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The bytes every signature covers: PAE(payloadType, payload). */
    public byte[] pae() {
        return pae(payloadType, payload);
    }

    /**
     * DSSE pre-authentication encoding:
     * {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, where LEN is the byte length
     * in ASCII decimal without leading zeros and the type is UTF-8.
     */
    public static byte[] pae(String payloadType, byte[] body) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + type.length + body.length);
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + body.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The envelope as a JSON object: payload, payloadType, signatures[{sig, keyid}]. */
    public ObjectNode toJson() {
        ObjectNode node = StrictJson.mapper().createObjectNode();
        node.put("payload", CanonicalBase64.encode(payload));
        node.put("payloadType", payloadType);
        ArrayNode sigs = node.putArray("signatures");
        for (DsseSignature s : signatures) {
            ObjectNode sn = sigs.addObject();
            sn.put("sig", CanonicalBase64.encode(s.sig()));
            sn.put("keyid", s.keyid());
        }
        return node;
    }

    /** The envelope as compact JSON bytes. */
    public byte[] toJsonBytes() {
        return StrictJson.write(toJson());
    }

    /** Parses a standalone envelope file's bytes (path "$"). */
    public static DsseEnvelope parse(byte[] json) {
        return fromJson(StrictJson.parse(json, "$"), "$");
    }

    /**
     * Reads an envelope from a JSON tree found at {@code path}; every error names the JSON path
     * of the bad value. Requires a non-empty payloadType and at least one signature, each with
     * a non-empty signature; the payload may be empty.
     */
    public static DsseEnvelope fromJson(JsonNode node, String path) {
        StrictJson.object(node, path);
        String type = StrictJson.text(node, path, "payloadType");
        byte[] payload = CanonicalBase64.decode(StrictJson.textOrEmpty(node, path, "payload"), path + ".payload");
        JsonNode sigs = StrictJson.array(node, path, "signatures");
        if (sigs.isEmpty()) {
            throw new MalformedBundleException(path + ".signatures", "empty signature list");
        }
        List<DsseSignature> list = new ArrayList<>();
        for (int i = 0; i < sigs.size(); i++) {
            String at = path + ".signatures[" + i + "]";
            JsonNode s = StrictJson.object(sigs.get(i), at);
            String keyid = StrictJson.optionalText(s, at, "keyid");
            byte[] sig = CanonicalBase64.decode(StrictJson.text(s, at, "sig"), at + ".sig");
            list.add(new DsseSignature(keyid == null ? "" : keyid, sig));
        }
        return new DsseEnvelope(type, payload, list);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DsseEnvelope e && payloadType.equals(e.payloadType)
                && Arrays.equals(payload, e.payload) && signatures.equals(e.signatures);
    }

    @Override
    public int hashCode() {
        return Objects.hash(payloadType, Arrays.hashCode(payload), signatures);
    }

    @Override
    public String toString() {
        return "DsseEnvelope[payloadType=" + payloadType + ", payload=" + payload.length
                + " bytes, signatures=" + signatures + "]";
    }
}
