package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Text for people: counts with the right plural, key/value lines aligned. */
class PeopleTextTest {

    @Test
    void countsSayOneFileAndTwoFiles() {
        assertEquals("1 file", Count.of(1, "file"));
        assertEquals("2 files", Count.of(2, "file"));
        assertEquals("0 files", Count.of(0, "file"));
        assertEquals("3 entries", Count.of(3, "entry"));
        assertEquals("2 keys", Count.of(2, "key"));
        assertEquals("2 misses", Count.of(2, "miss"));
        assertEquals("1 pod spec", Count.of(1, "pod spec"));
        assertEquals("2 people", Count.of(2, "person", "people"));
    }

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
}
