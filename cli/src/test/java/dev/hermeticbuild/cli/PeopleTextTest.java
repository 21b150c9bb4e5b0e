package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Text for people: key/value lines aligned, durations read as people write them. */
class PeopleTextTest {

    @Test
    void valuesStartInOneColumn() {
        StringWriter text = new StringWriter();
        new Fields().add("isolation", "bubblewrap").add("output", "a.jar").add("output", "b.jar")
                .add("provenance", "out/provenance.json").add("", "continued").print(new PrintWriter(text));
        assertEquals("""
                isolation:  bubblewrap
                output:     a.jar
                output:     b.jar
                provenance: out/provenance.json
                            continued
                """, text.toString());
    }

    @Test
    void durationsAreReadAsPeopleWriteThem() {
        assertEquals(java.time.Duration.ofSeconds(90), Durations.parse("--timeout", "90s"));
        assertEquals(java.time.Duration.ofHours(36), Durations.parse("--max-age", "36H"));
        assertEquals(java.time.Duration.ofHours(36), Durations.parse("--max-age", "pt36h"));
        assertEquals(java.time.Duration.ofDays(30), Durations.parse("--max-age", "P30D"));
        var bad = org.junit.jupiter.api.Assertions.assertThrows(dev.hermeticbuild.InputException.class,
                () -> Durations.parse("--max-age", "soon"));
        assertEquals("--max-age soon: expected a duration such as 90s, 20m, 2h or PT20M", bad.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(dev.hermeticbuild.InputException.class, () -> Durations.parse("--window", "0s"));
    }
}
