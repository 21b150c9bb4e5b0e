package dev.hermeticbuild.build;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A run's scratch directory is gone when the run ends, whether or not its removal began in the background. */
class ScratchDirectoryTest {

    private static Path filled(ScratchDirectory scratch) throws Exception {
        Path deep = Files.createDirectories(scratch.path().resolve("source/target/classes"));
        for (int i = 0; i < 200; i++) {
            Files.writeString(deep.resolve("C" + i + ".class"), "x");
        }
        return scratch.path();
    }

    @Test
    void itIsRemovedWhenTheRunEnds() throws Exception {
        Path path;
        try (ScratchDirectory scratch = ScratchDirectory.create()) {
            path = filled(scratch);
            assertTrue(Files.isDirectory(path));
        }
        assertFalse(Files.exists(path));
    }

    @Test
    void aRemovalBegunInTheBackgroundHasEndedWhenTheRunEnds() throws Exception {
        Path path;
        try (ScratchDirectory scratch = ScratchDirectory.create()) {
            path = filled(scratch);
            scratch.removeInBackground();
            scratch.removeInBackground();
        }
        assertFalse(Files.exists(path));
    }

    @Test
    void workTheRunBeganEndsWhenTheRunEndsWhicheverWayAndBeforeTheRemoval() throws Exception {
        java.util.List<String> seen = new java.util.ArrayList<>();
        try (ScratchDirectory scratch = ScratchDirectory.create()) {
            Path path = filled(scratch);
            scratch.whenClosed(() -> seen.add("ended while the directory " + (Files.exists(path) ? "existed" : "was gone")));
            throw new IllegalStateException("the run fails");
        } catch (IllegalStateException expected) {
            // the way out of a refused build
        }
        assertTrue(seen.equals(java.util.List.of("ended while the directory existed")), seen.toString());
    }
}
