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

    @Test
    void copiesNeverCarrySetuidSetgidOrStickyBitsNorGroupOrWorldWrite() throws IOException {
        write("bin/sush", "#!/bin/sh\n");
        write("bin/data", "d");
        write("bin/plain-exec", "x");
        Files.setAttribute(workspace.resolve("bin/sush"), "unix:mode", 06777);
        Files.setAttribute(workspace.resolve("bin/data"), "unix:mode", 01666);
        Files.setAttribute(workspace.resolve("bin/plain-exec"), "unix:mode", 0700);
        Files.writeString(Files.createDirectories(out.resolve("bin")).resolve("sush"), "stale");
        Files.setAttribute(out.resolve("bin/sush"), "unix:mode", 04755);
        OutputCollector.collect(workspace, globs("bin/*"), out);
        assertEquals(0755, mode(out.resolve("bin/sush")), "an existing setuid file in OUT does not keep its bits either");
        assertEquals(0644, mode(out.resolve("bin/data")));
        assertEquals(0755, mode(out.resolve("bin/plain-exec")));
    }

    @Test
    void outputsOverTheBudgetAreRefusedBeforeCopyingNamingTheLargestAndTheLimit() throws IOException {
        write("dist/a.bin", "x".repeat(600));
        write("dist/b.bin", "y".repeat(500));
        dev.hermeticbuild.PolicyException e = assertThrows(dev.hermeticbuild.PolicyException.class,
                () -> OutputCollector.collect(workspace, globs("dist/*.bin"), out, new OutputBudget(1000)));
        assertTrue(e.getMessage().contains("1000 bytes") && e.getMessage().contains("dist/a.bin") && e.getMessage().contains("1100"),
                e.getMessage());
        assertTrue(Files.notExists(out.resolve("dist")), "nothing was copied");
        assertEquals(2, OutputCollector.collect(workspace, globs("dist/*.bin"), out, new OutputBudget(1100)).size());
    }

    @Test
    void whileCopyingTheBudgetRefusesTheFirstByteOverIt() throws IOException {
        OutputBudget budget = new OutputBudget(10);
        java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
        try (var guarded = budget.guard(sink, "grown.bin")) {
            guarded.write(new byte[10]);
            dev.hermeticbuild.PolicyException e = assertThrows(dev.hermeticbuild.PolicyException.class, () -> guarded.write(1));
            assertTrue(e.getMessage().contains("grown.bin") && e.getMessage().contains("10 bytes"), e.getMessage());
        }
        assertEquals(10, sink.size());
    }

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode") & 07777;
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
