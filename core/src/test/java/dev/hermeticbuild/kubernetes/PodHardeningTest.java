package dev.hermeticbuild.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodHardeningTest {

    @Test
    void selectsOnlyPodsWhoseEgressIsDenied() {
        assertTrue(PodHardening.selects(Map.of("hermetic-build.dev/egress", "deny", "app", "x")));
        assertFalse(PodHardening.selects(Map.of("hermetic-build.dev/egress", "allow")));
        assertFalse(PodHardening.selects(Map.of()));
        assertFalse(PodHardening.selects(null));
    }

    @Test
    void writableDirsAreAddedOnlyWhereMissingAndNeverUnderATakenVolumeName() {
        assertEquals(List.of(PodHardening.WRITABLE_DIRS.get(1)), PodHardening.missingWritableDirs(List.of("/tmp/")));
        PodHardening.WritableDir tmp = PodHardening.WRITABLE_DIRS.get(0);
        assertEquals("hermetic-writable-tmp-0", PodHardening.volumeName(0, tmp, Set.of("workspace-volume")));
        assertEquals("hermetic-writable-tmp-0-3", PodHardening.volumeName(0, tmp,
                Set.of("hermetic-writable-tmp-0", "hermetic-writable-tmp-0-2")), "the user's pod already has those names");
    }
}
