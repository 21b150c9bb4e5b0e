package dev.hermeticbuild.sign;

import java.util.Base64;

/**
 * Standard base64 (RFC 4648 section 4, padded) decoding that accepts only the canonical
 * encoding: decoding then re-encoding must give back the input, so one byte string has exactly
 * one accepted text form (no stray bits in the last character, no missing padding).
 */
public final class CanonicalBase64 {

    private CanonicalBase64() {
    }

    /** Encodes with the standard alphabet and padding. */
    public static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Decodes {@code text} found at {@code jsonPath}, or throws naming that path. */
    public static byte[] decode(String text, String jsonPath) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedBundleException(jsonPath, "not standard base64 (" + e.getMessage() + ")");
        }
        if (!encode(bytes).equals(text)) {
            throw new MalformedBundleException(jsonPath, "non-canonical base64");
        }
        return bytes;
    }
}
