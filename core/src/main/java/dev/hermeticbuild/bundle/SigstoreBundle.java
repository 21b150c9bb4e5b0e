package dev.hermeticbuild.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A Sigstore bundle v0.3 ({@value #MEDIA_TYPE}). Key-based bundles name their key by the
 * {@code verificationMaterial.publicKey.hint} (our key id); keyless ones carry a Fulcio
 * certificate and are recognised here but verified by sigstore-java.
 *
 * <p>Reading is strict: unknown fields, duplicate keys, non-canonical base64, an empty
 * signature list, both or neither of {@code dsseEnvelope}/{@code messageSignature} are errors
 * naming the JSON path. Transparency-log and timestamp fields of the verification material are
 * accepted and not used by key-based verification.
 */
public record SigstoreBundle(Optional<String> publicKeyHint, boolean keyless, BundleContent content) {

    /** The only bundle media type written and read. */
    public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";

    private static final Set<String> TOP_FIELDS = Set.of("mediaType", "verificationMaterial",
            "dsseEnvelope", "messageSignature");
    private static final Set<String> MATERIAL_FIELDS = Set.of("publicKey", "certificate",
            "x509CertificateChain", "tlogEntries", "timestampVerificationData");

    public SigstoreBundle {
        Objects.requireNonNull(publicKeyHint, "publicKeyHint");
        Objects.requireNonNull(content, "content");
    }

    /** A key-based bundle whose key is named by {@code keyId}. */
    public static SigstoreBundle keyBased(String keyId, BundleContent content) {
        return new SigstoreBundle(Optional.of(keyId), false, content);
    }

    /** The bundle as JSON bytes (compact, trailing newline). */
    public byte[] toJsonBytes() {
        if (keyless) {
            throw new IllegalStateException("keyless bundles are written by sigstore-java");
        }
        ObjectNode root = StrictJson.mapper().createObjectNode();
        root.put("mediaType", MEDIA_TYPE);
        ObjectNode material = root.putObject("verificationMaterial");
        material.putObject("publicKey").put("hint", publicKeyHint.orElseThrow());
        material.putArray("tlogEntries");
        if (content instanceof DsseEnvelope dsse) {
            root.set("dsseEnvelope", dsse.toJson());
        } else if (content instanceof MessageSignature ms) {
            root.set("messageSignature", ms.toJson());
        }
        byte[] json = StrictJson.write(root);
        byte[] withNewline = java.util.Arrays.copyOf(json, json.length + 1);
        withNewline[json.length] = '\n';
        return withNewline;
    }

    /** Reads and parses a bundle file, refusing files over {@link StrictJson#MAX_FILE_BYTES}. */
    public static SigstoreBundle read(Path file) {
        return parse(StrictJson.readCapped(file, "bundle"));
    }

    /** Parses bundle JSON bytes. */
    public static SigstoreBundle parse(byte[] json) {
        JsonNode root = StrictJson.object(StrictJson.parse(json, "$"), "$");
        rejectUnknown(root, "$", TOP_FIELDS);
        String mediaType = StrictJson.text(root, "$", "mediaType");
        if (!mediaType.equals(MEDIA_TYPE)) {
            throw new MalformedBundleException("$.mediaType", "unsupported media type " + mediaType
                    + " (expected " + MEDIA_TYPE + ")");
        }
        JsonNode material = StrictJson.child(root, "$", "verificationMaterial");
        rejectUnknown(material, "$.verificationMaterial", MATERIAL_FIELDS);
        Optional<String> hint = Optional.empty();
        boolean keyless = material.has("certificate") || material.has("x509CertificateChain");
        if (material.has("publicKey")) {
            JsonNode pk = StrictJson.child(material, "$.verificationMaterial", "publicKey");
            rejectUnknown(pk, "$.verificationMaterial.publicKey", Set.of("hint"));
            hint = Optional.of(StrictJson.text(pk, "$.verificationMaterial.publicKey", "hint"));
            if (keyless) {
                throw new MalformedBundleException("$.verificationMaterial",
                        "both a public key and a certificate");
            }
        } else if (!keyless) {
            throw new MalformedBundleException("$.verificationMaterial",
                    "neither publicKey nor certificate");
        }
        boolean dsse = root.has("dsseEnvelope");
        boolean message = root.has("messageSignature");
        if (dsse == message) {
            throw new MalformedBundleException("$", dsse ? "both dsseEnvelope and messageSignature"
                    : "neither dsseEnvelope nor messageSignature");
        }
        BundleContent content;
        if (dsse) {
            JsonNode env = root.get("dsseEnvelope");
            StrictJson.object(env, "$.dsseEnvelope");
            rejectUnknown(env, "$.dsseEnvelope", Set.of("payload", "payloadType", "signatures"));
            for (int i = 0; env.get("signatures") != null && i < env.get("signatures").size(); i++) {
                JsonNode s = env.get("signatures").get(i);
                if (s.isObject()) {
                    rejectUnknown(s, "$.dsseEnvelope.signatures[" + i + "]", Set.of("sig", "keyid"));
                }
            }
            content = DsseEnvelope.fromJson(env, "$.dsseEnvelope");
        } else {
            JsonNode ms = root.get("messageSignature");
            StrictJson.object(ms, "$.messageSignature");
            rejectUnknown(ms, "$.messageSignature", Set.of("messageDigest", "signature"));
            if (ms.get("messageDigest") != null && ms.get("messageDigest").isObject()) {
                rejectUnknown(ms.get("messageDigest"), "$.messageSignature.messageDigest",
                        Set.of("algorithm", "digest"));
            }
            content = MessageSignature.fromJson(ms, "$.messageSignature");
        }
        return new SigstoreBundle(hint, keyless, content);
    }

    private static void rejectUnknown(JsonNode node, String path, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new MalformedBundleException(path + "." + name, "unknown field");
            }
        }
    }
}
