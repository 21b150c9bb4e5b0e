package dev.hermeticbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Counts in messages with the right plural. */
class CountTextTest {

    @Test
    void countsSayOneFileAndTwoFiles() {
        assertEquals("1 file", CountText.of(1, "file"));
        assertEquals("2 files", CountText.of(2, "file"));
        assertEquals("0 files", CountText.of(0, "file"));
        assertEquals("3 entries", CountText.of(3, "entry"));
        assertEquals("2 keys", CountText.of(2, "key"));
        assertEquals("2 misses", CountText.of(2, "miss"));
        assertEquals("1 pod spec", CountText.of(1, "pod spec"));
        assertEquals("2 people", CountText.of(2, "person", "people"));
    }
}
