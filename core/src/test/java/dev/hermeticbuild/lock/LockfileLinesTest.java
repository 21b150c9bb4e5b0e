package dev.hermeticbuild.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hermeticbuild.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line reading every line-based lockfile reader shares. */
class LockfileLinesTest {

    @Test
    void entriesKeepTheirLineNumbersAndErrorsNameFileAndLine() {
        LockfileLines lines = LockfileLines.of("go.sum", List.of("", "  # note", " a v1 h1:x ", "b"));
        assertEquals(List.of(3, 4), lines.entries(true).stream().map(LockfileLines.Line::number).toList());
        assertEquals(List.of("# note", "a v1 h1:x", "b"), lines.entries(false).stream().map(LockfileLines.Line::text).toList());
        assertEquals("go.sum:4: expected more", lines.entries(true).get(1).error("expected more").getMessage());
        assertEquals(4, lines.lines().size(), "every line, blank ones too, for readers that join lines");
    }

    @Test
    void anUnreadableFileIsAnInputErrorNamingIt(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("Cargo.lock");
        InputException e = assertThrows(InputException.class, () -> LockfileLines.read(missing, "Cargo.lock"));
        assertEquals(true, e.getMessage().startsWith("cannot read " + missing + ": "), e.getMessage());
        Files.writeString(dir.resolve("ok.lock"), "x\n");
        assertEquals("ok.lock", LockfileLines.read(dir.resolve("ok.lock"), "ok.lock").entries(true).get(0).file());
    }
}
