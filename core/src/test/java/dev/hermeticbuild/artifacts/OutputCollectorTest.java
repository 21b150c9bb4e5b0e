package dev.hermeticbuild.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputCollectorTest {

    @TempDir
    Path workspace;
    @TempDir
    Path out;

    @Test
    void starMatchesOneDirectoryAndDoubleStarMatchesAcross() throws IOException {
        write("dist/a.tar.gz", "a");
        write("dist/sub/b.tar.gz", "b");
        write("dist/readme.txt", "r");
        assertEquals(List.of(Path.of("dist/a.tar.gz")), OutputCollector.match(workspace, globs("dist/*.tar.gz")));
        assertEquals(List.of(Path.of("dist/a.tar.gz"), Path.of("dist/readme.txt"), Path.of("dist/sub/b.tar.gz")),
                OutputCollector.match(workspace, globs("dist/**")));
    }

    @Test
    void collectCopiesAndDigestsInOnePass() throws IOException {
        write("build/app.jar", "abc");
        List<Artifact> artifacts = OutputCollector.collect(workspace, globs("build/*.jar"), out);
        assertEquals(List.of(new Artifact("build/app.jar", 3,
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")), artifacts);
        assertEquals("abc", Files.readString(out.resolve("build/app.jar")));
    }

    @Test
    void digestStreamsLargeFiles() throws IOException {
        Path big = workspace.resolve("big.bin");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        // sha256 of 64 MiB of zeros
        assertEquals("3b6a07d0d404fab4e23b6d34bc6696a6a312dd92821332385e5af7c01c421351", Sha256.ofFile(big));
    }

    @Test
    void aPatternThatMatchesNothingIsAnError() {
        InputException e = assertThrows(InputException.class, () -> OutputCollector.match(workspace, globs("build/*.jar")));
        assertTrue(e.getMessage().contains("'build/*.jar' matched no file"), e.getMessage());
    }

    @Test
    void patternsEscapingTheWorkspaceAreRefused() {
        for (String bad : List.of("../x.jar", "build/../../x", "/etc/passwd")) {
            InputException e = assertThrows(InputException.class, () -> new OutputGlob(bad));
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void aSymlinkPointingOutsideIsRefusedAndNamed(@TempDir Path outside) throws IOException {
        Files.writeString(outside.resolve("secret"), "s");
        Files.createDirectories(workspace.resolve("dist"));
        Files.createSymbolicLink(workspace.resolve("dist/app.jar"), outside.resolve("secret"));
        InputException e = assertThrows(InputException.class, () -> OutputCollector.collect(workspace, globs("dist/*.jar"), out));
        assertTrue(e.getMessage().contains("dist/app.jar") && e.getMessage().contains("outside the workspace"), e.getMessage());
    }

    @Test
    void aSymlinkedDirectoryOutsideIsRefused(@TempDir Path outside) throws IOException {
        Files.writeString(outside.resolve("x.jar"), "x");
        Files.createSymbolicLink(workspace.resolve("dist"), outside);
        InputException e = assertThrows(InputException.class, () -> OutputCollector.match(workspace, globs("dist/*.jar")));
        assertTrue(e.getMessage().contains("outside the workspace"), e.getMessage());
    }

    @Test
    void aSymlinkInsideTheWorkspaceIsFollowed() throws IOException {
        write("real/app.jar", "abc");
        Files.createDirectories(workspace.resolve("dist"));
        Files.createSymbolicLink(workspace.resolve("dist/app.jar"), workspace.resolve("real/app.jar"));
        List<Artifact> artifacts = OutputCollector.collect(workspace, globs("dist/*.jar"), out);
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", artifacts.get(0).sha256());
    }

    private void write(String path, String text) throws IOException {
        Path p = workspace.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static List<OutputGlob> globs(String... patterns) {
        return java.util.Arrays.stream(patterns).map(OutputGlob::new).toList();
    }
}
