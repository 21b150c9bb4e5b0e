package dev.hermeticbuild.rebuild;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TimeZone;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives that differ only in metadata become the same bytes; content is never touched. */
class NormalizerTest {

    @TempDir
    Path dir;

    @Test
    void zipsWithOtherTimesAndOrderBecomeIdenticalInAnyTimezone() throws IOException {
        Path a = ArchivesFixture.zip(dir.resolve("a.jar"), 1_000_000_000_000L, "b.txt=B", "META-INF/MANIFEST.MF=Manifest-Version: 1.0\n", "a.txt=A");
        Path b = ArchivesFixture.zip(dir.resolve("b.jar"), 1_700_000_000_000L, "a.txt=A", "b.txt=B", "META-INF/MANIFEST.MF=Manifest-Version: 1.0\n");
        TimeZone original = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            assertTrue(Normalizer.normalize(a, 1767225600L));
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            assertTrue(Normalizer.normalize(b, 1767225600L));
        } finally {
            TimeZone.setDefault(original);
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        try (ZipFile z = new ZipFile(a.toFile())) {
            assertEquals("META-INF/MANIFEST.MF", z.stream().findFirst().orElseThrow().getName(), "the manifest stays first");
            assertEquals("A", new String(z.getInputStream(z.getEntry("a.txt")).readAllBytes()));
        }
        assertFalse(Normalizer.normalize(a, 1767225600L), "normalizing twice changes nothing");
    }

    @Test
    void tarGzWithOtherTimesOwnersAndOrderBecomeIdentical() throws IOException {
        Path a = Files.write(dir.resolve("a.tgz"), ArchivesFixture.gzip(ArchivesFixture.tar(1000, 0, "root", "x=1", "y=2"), 5));
        Path b = Files.write(dir.resolve("b.tgz"), ArchivesFixture.gzip(ArchivesFixture.tar(9000, 1000, "alice", "y=2", "x=1"), 7));
        Normalizer.normalize(a, 0);
        Normalizer.normalize(b, 0);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertEquals(java.util.List.of(), ArtifactDiff.explain("t", a, b).stream().filter(l -> !l.contains("differs only")).toList());
    }

    /** A build's output may be a compression bomb: normalizing, which works in memory, refuses it and leaves the file as it was. */
    @Test
    void anArchiveThatExpandsPastTheBoundIsRefusedAndLeftAsItWas() throws IOException {
        byte[] zeros = new byte[3 << 20];
        Path gz = Files.write(dir.resolve("bomb.gz"), ArchivesFixture.gzip(zeros, 5));
        byte[] gzBefore = Files.readAllBytes(gz);
        dev.hermeticbuild.InputException gzRefused = org.junit.jupiter.api.Assertions.assertThrows(dev.hermeticbuild.InputException.class,
                () -> Normalizer.normalize(gz, 0, 1 << 20));
        assertEquals("cannot normalize " + gz + ": its content expands past 1048576 bytes (a compression bomb, or an archive too"
                + " large to normalize in memory); the file is left as it was", gzRefused.getMessage());
        assertArrayEquals(gzBefore, Files.readAllBytes(gz));

        Path zip = dir.resolve("bomb.zip");
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : java.util.List.of("a", "b")) {
                out.putNextEntry(new java.util.zip.ZipEntry(name));
                out.write(zeros, 0, 600_000);
                out.closeEntry();
            }
        }
        byte[] zipBefore = Files.readAllBytes(zip);
        dev.hermeticbuild.InputException zipRefused = org.junit.jupiter.api.Assertions.assertThrows(dev.hermeticbuild.InputException.class,
                () -> Normalizer.normalize(zip, 0, 1 << 20));
        assertTrue(zipRefused.getMessage().contains("its content expands past 1048576 bytes"), "the entries count together: "
                + zipRefused.getMessage());
        assertArrayEquals(zipBefore, Files.readAllBytes(zip));
        assertTrue(Normalizer.normalize(zip, 0, 2 << 20), "under the bound it is normalized");
    }

    @Test
    void otherFilesAreLeftAlone() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "built at noon\n");
        assertFalse(Normalizer.normalize(text, 0));
        assertEquals("built at noon\n", Files.readString(text));
    }
}
