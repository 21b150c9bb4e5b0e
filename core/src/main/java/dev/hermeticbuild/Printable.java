package dev.hermeticbuild;

/**
 * Makes a name that came from a build (an output path, a file in the workspace, an entry in an
 * archive) safe to print in a terminal or a CI log: newlines, other C0 and C1 controls, DEL,
 * Unicode line separators and the bidirectional-text controls (which can make a log line read
 * differently from its bytes) are written as escapes, so a file name cannot forge a line or
 * reorder what a reader sees. Backslashes are doubled, so the escaping reads back unambiguously.
 */
public final class Printable {

    private Printable() {
    }

    /** {@code name} with every control and bidi character escaped ({@code \n}, {@code \x1b}, {@code \u202e}). */
    public static String escape(Object name) {
        return escape(String.valueOf(name), false);
    }

    /**
     * A message the runner composed, whose own line breaks are kept: every other control and
     * bidi character is escaped (defence in depth for names already inserted unescaped).
     */
    public static String escapeKeepingLines(String message) {
        return escape(message, true);
    }

    private static String escape(String s, boolean keepNewlines) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = c == '\n' && keepNewlines ? null : replacement(c, keepNewlines);
            if (replacement == null) {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            if (b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            b.append(replacement);
        }
        return b == null ? s : b.toString();
    }

    private static String replacement(char c, boolean keepNewlines) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case '\\':
                return keepNewlines ? null : "\\\\";
            default:
                break;
        }
        if (c < 0x20 || c == 0x7f) {
            return String.format("\\x%02x", (int) c);
        }
        if ((c >= 0x80 && c <= 0x9f) || c == '\u061c' || c == '\u200e' || c == '\u200f' || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
