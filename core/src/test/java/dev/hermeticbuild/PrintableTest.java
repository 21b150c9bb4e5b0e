package dev.hermeticbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void newlinesControlsAndBidiCharactersAreEscaped() {
        assertEquals("dist/a\\noutput:    forged", Printable.escape("dist/a\noutput:    forged"));
        assertEquals("gpj.\\u202eexe", Printable.escape("gpj.\u202eexe"));
        assertEquals("\\x1b[2K\\r\\t\\x00\\x7f\\u0085\\u2028\\u2066\\u2069\\u200f\\u061c",
                Printable.escape("\u001b[2K\r\t\u0000\u007f\u0085\u2028\u2066\u2069\u200f\u061c"));
        assertEquals("a\\\\nb", Printable.escape("a\\nb"), "a literal backslash-n must not read like an escaped newline");
    }

    @Test
    void plainNamesAndOtherUnicodeAreUnchanged() {
        String name = "dist/app-1.0 (ünïcödé) 日本.jar";
        assertSame(name, Printable.escape(name));
    }

    @Test
    void aComposedMessageKeepsItsOwnLines() {
        assertEquals("refused:\n  a\\u202eb\\r", Printable.escapeKeepingLines("refused:\n  a\u202eb\r"));
    }
}
