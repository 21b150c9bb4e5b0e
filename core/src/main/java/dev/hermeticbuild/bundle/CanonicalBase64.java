package dev.hermeticbuild.bundle;

import java.util.Base64;

/**
 * Base64 decoding that accepts only canonical text: decoding then re-encoding with the same
 * alphabet must give back the input (padding present, no stray bits in the last character).
 * We write the standard alphabet (RFC 4648 section 4); we also read the URL-safe alphabet
 * (section 5), because the DSSE protocol says verifiers must accept either, but never a mix.
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
        boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
        if (urlSafe && (text.indexOf('+') >= 0 || text.indexOf('/') >= 0)) {
            throw new MalformedBundleException(jsonPath, "not base64 (mixes the standard and URL-safe alphabets)");
        }
        byte[] bytes;
        try {
            bytes = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedBundleException(jsonPath, "not base64 (" + e.getMessage() + ")");
        }
        String again = urlSafe ? Base64.getUrlEncoder().encodeToString(bytes) : encode(bytes);
        if (!again.equals(text)) {
            throw new MalformedBundleException(jsonPath, "non-canonical base64");
        }
        return bytes;
    }
}
