package dev.hermeticbuild.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DashboardDurationTest {

    @Test
    void subSecondDurationsShowInMilliseconds() {
        assertEquals("340ms", Dashboard.seconds(0.34));
        assertEquals("1ms", Dashboard.seconds(0.0014));
        assertEquals("0s", Dashboard.seconds(0));
    }

    @Test
    void longerDurationsUseTheUnitThatReadsBest() {
        assertEquals("1.5s", Dashboard.seconds(1.5));
        assertEquals("2s", Dashboard.seconds(2.0));
        assertEquals("42s", Dashboard.seconds(42.4));
        assertEquals("3.5 min", Dashboard.seconds(210));
        assertEquals("2.5 h", Dashboard.seconds(9000));
    }
}
