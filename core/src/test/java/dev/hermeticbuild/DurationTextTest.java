package dev.hermeticbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations in messages as people write them, never ISO-8601's PT2S. */
class DurationTextTest {

    @Test
    void writesTheLargestTwoUnits() {
        assertEquals("0ms", DurationText.of(Duration.ZERO));
        assertEquals("340ms", DurationText.of(Duration.ofMillis(340)));
        assertEquals("2s", DurationText.of(Duration.ofSeconds(2)));
        assertEquals("2.5s", DurationText.of(Duration.ofMillis(2_540)));
        assertEquals("59.9s", DurationText.of(Duration.ofMillis(59_999)));
        assertEquals("1m", DurationText.of(Duration.ofSeconds(60)));
        assertEquals("1m 5s", DurationText.of(Duration.ofSeconds(65)));
        assertEquals("2h", DurationText.of(Duration.ofHours(2)));
        assertEquals("2h 30m", DurationText.of(Duration.ofMinutes(150)));
        assertEquals("1h", DurationText.of(Duration.ofSeconds(3605)), "two units at most, adjacent ones");
        assertEquals("30d", DurationText.of(Duration.ofDays(30)));
        assertEquals("1d 12h", DurationText.of(Duration.ofHours(36)));
    }
}
