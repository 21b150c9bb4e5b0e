package dev.hermeticbuild.provenance;

import dev.hermeticbuild.InputException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Digests as the in-toto DigestSet specification names and encodes them (v1.1): lower-case hex
 * everywhere; Go's {@code h1:} module hash becomes {@code dirHash} (the same Hash1 function,
 * hex instead of base64).
 */
public final class DigestSet {

    private DigestSet() {
    }

    /** The in-toto digest set of a lockfile's digests ({@code h1} base64 included). */
    public static Map<String, String> fromLockfile(Map<String, String> digests, String where) {
        Map<String, String> set = new LinkedHashMap<>();
        digests.forEach((alg, value) -> {
            if (alg.equals("h1")) {
                set.put("dirHash", dirHashHex(value, where));
            } else {
                set.put(alg, value);
            }
        });
        return set;
    }

    private static String dirHashHex(String base64, String where) {
        try {
            byte[] hash = Base64.getDecoder().decode(base64);
            if (hash.length != 32) {
                throw new IllegalArgumentException("decodes to " + hash.length + " bytes, not 32");
            }
            return HexFormat.of().formatHex(hash);
        } catch (IllegalArgumentException e) {
            throw new InputException(where + ": h1 hash '" + base64 + "' is not base64 SHA-256 (" + e.getMessage() + ")", e);
        }
    }
}
