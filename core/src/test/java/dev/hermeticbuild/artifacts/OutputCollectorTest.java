package dev.hermeticbuild.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.digest.Sha256;
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
    void doubleStarSlashMatchesZeroOrMoreDirectoriesAsAntAndGradleDo() throws IOException {
        write("build.sh", "#!/bin/sh");
        write("scripts/deploy.sh", "d");
        write("dist/app.tar.gz", "a");
        write("dist/linux/amd64/app.tar.gz", "b");
        write("dist/app.zip", "z");
        assertEquals(List.of(Path.of("dist/app.tar.gz"), Path.of("dist/linux/amd64/app.tar.gz")),
                OutputCollector.match(workspace, globs("dist/**/*.tar.gz")));
        assertEquals(List.of(Path.of("build.sh"), Path.of("scripts/deploy.sh")), OutputCollector.match(workspace, globs("**/*.sh")));
        assertEquals(List.of(Path.of("dist/linux/amd64/app.tar.gz")), OutputCollector.match(workspace, globs("dist/**/amd64/*")));
        assertEquals(List.of(Path.of("dist/app.tar.gz"), Path.of("dist/app.zip")), OutputCollector.match(workspace, globs("./dist/app.{zip,tar.gz}")));
        assertEquals(List.of(Path.of("dist/app.zip")), OutputCollector.match(workspace, globs("dist/ap[a-p].z?p")));
    }

    @Test
    void aDirectoryWithOrWithoutATrailingSlashNamesEverythingUnderIt() throws IOException {
        write("dist/app.tar.gz", "a");
        write("dist/sub/notes.txt", "n");
        write("other.txt", "o");
        List<Path> all = List.of(Path.of("dist/app.tar.gz"), Path.of("dist/sub/notes.txt"));
        assertEquals(all, OutputCollector.match(workspace, globs("dist")));
        assertEquals(all, OutputCollector.match(workspace, globs("dist/")));
        assertEquals(List.of(Path.of("dist/sub/notes.txt")), OutputCollector.match(workspace, globs("dist/sub")));
        assertEquals(List.of(Path.of("other.txt")), OutputCollector.match(workspace, globs("other.txt")), "a literal file is itself");
    }

    @Test
    void aLiteralDirectorySymlinkedOutsideIsStillRefused(@TempDir Path outside) throws IOException {
        Files.writeString(outside.resolve("secret"), "s");
        Files.createSymbolicLink(workspace.resolve("dist"), outside);
        for (String pattern : List.of("dist", "dist/", "dist/**")) {
            InputException e = assertThrows(InputException.class, () -> OutputCollector.match(workspace, globs(pattern)));
            assertTrue(e.getMessage().contains("outside the workspace"), pattern + ": " + e.getMessage());
        }
    }

    @Test
    void aPatternThatMatchesNothingListsWhatTheDeepestExistingDirectoryHolds() throws IOException {
        write("dist/app.zip", "z");
        write("dist/linux/app", "l");
        write("dist/readme.txt", "r");
        InputException e = assertThrows(InputException.class, () -> OutputCollector.match(workspace, globs("dist/*.tar.gz")));
        assertTrue(e.getMessage().endsWith("dist/ holds: app.zip, linux/, readme.txt"), e.getMessage());

        e = assertThrows(InputException.class, () -> OutputCollector.match(workspace, globs("dist/windows/x64/*.exe")));
        assertTrue(e.getMessage().endsWith("dist/windows/ does not exist; dist/ holds: app.zip, linux/, readme.txt"), e.getMessage());

        for (int i = 0; i < 12; i++) {
            write("many/f" + (char) ('a' + i), "x");
        }
        e = assertThrows(InputException.class, () -> OutputCollector.match(workspace, globs("many/*.jar")));
        assertTrue(e.getMessage().endsWith("many/ holds: fa, fb, fc, fd, fe, ff, fg, fh, fi, fj and 2 more"), e.getMessage());

        e = assertThrows(InputException.class, () -> OutputCollector.match(workspace, globs("target/*.jar")));
        assertTrue(e.getMessage().endsWith("target/ does not exist; the workspace holds: dist/, many/"), e.getMessage());
    }

    @Test
    void obviouslyWrongPatternsAreRefusedWhenParsedBeforeAnyBuild() {
        for (String bad : List.of("", " ", ".", "./", "dist/{a,b", "C:\\dist")) {
            InputException e = assertThrows(InputException.class, () -> new OutputGlob(bad), bad);
            assertTrue(e.getMessage().startsWith("--output"), e.getMessage());
        }
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
