package dev.hermeticbuild.kubernetes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PodHardeningTest {

    @Test
    void selectsOnlyPodsWhoseEgressIsDenied() {
        assertTrue(PodHardening.selects(Map.of("hermetic-build.dev/egress", "deny", "app", "x")));
        assertFalse(PodHardening.selects(Map.of("hermetic-build.dev/egress", "allow")));
        assertFalse(PodHardening.selects(Map.of()));
        assertFalse(PodHardening.selects(null));
    }
}
