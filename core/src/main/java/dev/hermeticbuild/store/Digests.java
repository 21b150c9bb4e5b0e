package dev.hermeticbuild.store;

import dev.hermeticbuild.InputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** SHA-256 digests as the store writes them: 64 lowercase hex digits, optionally {@code sha256:}-prefixed on input. */
public final class Digests {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private Digests() {
    }

    /** Whether {@code s} is 64 lowercase hex digits. */
    public static boolean isSha256Hex(String s) {
        return s != null && HEX.matcher(s).matches();
    }

    /** Parses {@code sha256:HEX} or {@code HEX} (any case) into lowercase hex; {@code option} names it in errors. */
    public static String parse(String option, String text) {
        String t = text.strip();
        if (t.startsWith("sha256:")) {
            t = t.substring("sha256:".length());
        }
        t = t.toLowerCase(Locale.ROOT);
        if (!isSha256Hex(t)) {
            throw new InputException(option + " " + text + ": not a sha256 digest (sha256:<64 hex digits>)");
        }
        return t;
    }

    /** Lowercase hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Lowercase hex SHA-256 of the UTF-8 encoding of {@code text}. */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
