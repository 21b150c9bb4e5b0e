package dev.hermeticbuild.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The egress probe's workspace is empty and no one's to write; one that is not is refused, never used. */
class EmptyDirectoryTest {

    @Test
    void theProbesWorkspaceIsEmptyAndReadOnlyAndAPlantedFileIsRefused() throws Exception {
        Path dir = RunnerFiles.emptyDirectory();
        assertEquals("r-xr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)));
        try (var entries = Files.list(dir)) {
            assertEquals(0, entries.count());
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path planted = Files.writeString(dir.resolve(".perldb"), "system('id')");
        try {
            var e = assertThrows(IsolationException.class, RunnerFiles::emptyDirectory);
            assertTrue(e.getMessage().contains(dir + " is not an empty directory of mode 555"), e.getMessage());
        } finally {
            Files.delete(planted);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        assertEquals(dir, RunnerFiles.emptyDirectory());
    }
}
