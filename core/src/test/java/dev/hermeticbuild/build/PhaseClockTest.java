package dev.hermeticbuild.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseClockTest {

    @Test
    void eachLapIsOneLineNamingThePhaseAndItsMilliseconds() {
        var bytes = new ByteArrayOutputStream();
        PhaseClock clock = PhaseClock.printingTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        clock.lap("source");
        clock.lap("command");
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines::toString);
        assertTrue(lines.get(0).matches("hermetic: phase source \\d+ ms"), lines.get(0));
        assertTrue(lines.get(1).matches("hermetic: phase command \\d+ ms"), lines.get(1));
    }

    @Test
    void silentUnlessAsked() {
        var bytes = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            PhaseClock.silent().lap("source");
        } finally {
            System.setErr(err);
        }
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }
}
