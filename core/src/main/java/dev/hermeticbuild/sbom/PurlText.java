package dev.hermeticbuild.sbom;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of one purl segment or qualifier value, as the purl specification asks. */
final class PurlText {

    private PurlText() {
    }

    static String segment(String text) {
        StringBuilder s = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '~')) {
                s.append(c);
            } else {
                s.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return s.toString();
    }
}
