package dev.hermeticbuild.artifacts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceCopyTest {

    @TempDir
    Path tmp;

    private Path out() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve("dist/sub"));
        Files.writeString(out.resolve("dist/app.tar.gz"), "the recorded bytes");
        Files.writeString(out.resolve("dist/sub/run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(out.resolve("dist/sub/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        return out;
    }

    @Test
    void outputsLandAtTheirNamesReplacingWhatTheBuildLeft() throws Exception {
        Path out = out();
        Path ws = tmp.resolve("ws");
        Files.createDirectories(ws.resolve("dist"));
        Files.writeString(ws.resolve("dist/app.tar.gz"), "stale bytes a build left");
        WorkspaceCopy.copy(out, List.of("dist/app.tar.gz", "dist/sub/run.sh"), ws);
        assertEquals("the recorded bytes", Files.readString(ws.resolve("dist/app.tar.gz")));
        assertTrue(Files.isExecutable(ws.resolve("dist/sub/run.sh")));
        try (var files = Files.list(ws.resolve("dist"))) {
            assertEquals(List.of("app.tar.gz", "sub"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aSymlinkedDirectoryInTheWorkspaceIsNeverWrittenThrough() throws Exception {
        Path out = out();
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path elsewhere = Files.createDirectories(tmp.resolve("home/.config"));
        Files.createSymbolicLink(ws.resolve("dist"), elsewhere);
        InputException e = assertThrows(InputException.class,
                () -> WorkspaceCopy.copy(out, List.of("dist/app.tar.gz"), ws));
        assertTrue(e.getMessage().contains("output dist/app.tar.gz") && e.getMessage().contains("dist in the workspace is a symbolic link"),
                e.getMessage());
        try (var files = Files.list(elsewhere)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aSymlinkWhereTheFileGoesIsReplacedNotFollowed() throws Exception {
        Path out = out();
        Path ws = tmp.resolve("ws");
        Files.createDirectories(ws.resolve("dist"));
        Path victim = Files.writeString(tmp.resolve("victim"), "keep me");
        Files.createSymbolicLink(ws.resolve("dist/app.tar.gz"), victim);
        WorkspaceCopy.copy(out, List.of("dist/app.tar.gz"), tmp.resolve("ws"));
        assertEquals("keep me", Files.readString(victim));
        assertFalse(Files.isSymbolicLink(ws.resolve("dist/app.tar.gz")));
        assertArrayEquals("the recorded bytes".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(ws.resolve("dist/app.tar.gz")));
    }

    @Test
    void aFileOrDirectoryInTheWayIsRefusedByName() throws Exception {
        Path out = out();
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Files.writeString(ws.resolve("dist"), "a file where a directory goes");
        InputException file = assertThrows(InputException.class, () -> WorkspaceCopy.copy(out, List.of("dist/app.tar.gz"), ws));
        assertTrue(file.getMessage().contains("dist in the workspace is a file, not a directory"), file.getMessage());
        Files.delete(ws.resolve("dist"));
        Files.createDirectories(ws.resolve("dist/app.tar.gz"));
        InputException dir = assertThrows(InputException.class, () -> WorkspaceCopy.copy(out, List.of("dist/app.tar.gz"), ws));
        assertTrue(dir.getMessage().contains("dist/app.tar.gz in the workspace is a directory"), dir.getMessage());
        assertTrue(Files.isDirectory(ws.resolve("dist/app.tar.gz"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aNameOutsideTheWorkspaceIsRefused() throws Exception {
        Path out = out();
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        assertThrows(InputException.class, () -> WorkspaceCopy.copy(out, List.of("../escape"), ws));
        assertThrows(InputException.class, () -> WorkspaceCopy.copy(out, List.of("/etc/passwd"), ws));
    }
}
