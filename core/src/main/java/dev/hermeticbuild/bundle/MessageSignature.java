package dev.hermeticbuild.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Sigstore message signature: the SHA-256 digest of an artifact and a signature over the
 * artifact's content. JSON: {@code {"messageDigest":{"algorithm":"SHA2_256","digest":B64},"signature":B64}}.
 */
public record MessageSignature(byte[] sha256, byte[] signature) implements BundleContent {

    public MessageSignature {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest is 32 bytes, got " + sha256.length);
        }
        sha256 = sha256.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The digest as lowercase hex. */
    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    /** The JSON object form. */
    public ObjectNode toJson() {
        ObjectNode node = StrictJson.mapper().createObjectNode();
        ObjectNode md = node.putObject("messageDigest");
        md.put("algorithm", "SHA2_256");
        md.put("digest", CanonicalBase64.encode(sha256));
        node.put("signature", CanonicalBase64.encode(signature));
        return node;
    }

    /** Reads the JSON object at {@code path}; errors name the JSON path. */
    public static MessageSignature fromJson(JsonNode node, String path) {
        StrictJson.object(node, path);
        JsonNode md = StrictJson.child(node, path, "messageDigest");
        String algorithm = StrictJson.text(md, path + ".messageDigest", "algorithm");
        if (!algorithm.equals("SHA2_256")) {
            throw new MalformedBundleException(path + ".messageDigest.algorithm",
                    "unsupported digest algorithm " + algorithm + " (expected SHA2_256)");
        }
        byte[] digest = CanonicalBase64.decode(StrictJson.text(md, path + ".messageDigest", "digest"),
                path + ".messageDigest.digest");
        if (digest.length != 32) {
            throw new MalformedBundleException(path + ".messageDigest.digest",
                    "a SHA-256 digest is 32 bytes, found " + digest.length);
        }
        byte[] sig = CanonicalBase64.decode(StrictJson.text(node, path, "signature"), path + ".signature");
        return new MessageSignature(digest, sig);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageSignature m && Arrays.equals(sha256, m.sha256)
                && Arrays.equals(signature, m.signature);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sha256) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "MessageSignature[sha256=" + sha256Hex() + "]";
    }
}
