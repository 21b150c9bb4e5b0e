package dev.hermeticbuild.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of difference explained where it is. */
class ArtifactDiffTest {

    @TempDir
    Path dir;

    @Test
    void zipEntryTimesOrderAndTextContentAreNamed() throws IOException {
        Path a = ArchivesFixture.zip(dir.resolve("a.jar"), 1_000_000_000_000L, "A.class=same", "info.txt=built on alpha\nend\n");
        Path b = ArchivesFixture.zip(dir.resolve("b.jar"), 1_100_000_000_000L, "info.txt=built on beta\nend\n", "A.class=same");
        List<String> why = ArtifactDiff.explain("app.jar", a, b);
        assertTrue(why.contains("app.jar: zip entry order differs: [A.class, info.txt] vs [info.txt, A.class]"), why.toString());
        assertTrue(why.stream().anyMatch(l -> l.startsWith("app.jar!A.class: timestamp 2001-09-09T01:46:40Z vs 2004-11-09T11:33:20Z")), why.toString());
        assertTrue(why.contains("    -built on alpha") && why.contains("    +built on beta"), why.toString());
        assertTrue(why.stream().noneMatch(l -> l.startsWith("app.jar!A.class: text") || l.contains("A.class: binary")), "equal content is not reported");
    }

    @Test
    void entriesPresentInOneBuildOnlyAreNamed() throws IOException {
        Path a = ArchivesFixture.zip(dir.resolve("a.zip"), 0L, "x=1", "debug.log=noise");
        Path b = ArchivesFixture.zip(dir.resolve("b.zip"), 0L, "x=1");
        assertTrue(ArtifactDiff.explain("z.zip", a, b).contains("z.zip: zip entries only in the first build: [debug.log]"));
    }

    @Test
    void tarGzHeaderTimeEntryTimesAndOwnersAreNamed() throws IOException {
        Path a = Files.write(dir.resolve("a.tgz"), ArchivesFixture.gzip(ArchivesFixture.tar(1000, 0, "root", "f=1"), 11));
        Path b = Files.write(dir.resolve("b.tgz"), ArchivesFixture.gzip(ArchivesFixture.tar(2000, 1000, "alice", "f=1"), 22));
        List<String> why = ArtifactDiff.explain("d.tar.gz", a, b);
        assertTrue(why.contains("d.tar.gz: gzip header time 1970-01-01T00:00:11Z vs 1970-01-01T00:00:22Z"), why.toString());
        assertTrue(why.contains("d.tar.gz!(gunzipped)!f: mtime 1970-01-01T00:16:40Z vs 1970-01-01T00:33:20Z"), why.toString());
        assertTrue(why.stream().anyMatch(l -> l.startsWith("d.tar.gz!(gunzipped)!f: owner root(0):root(0) vs alice(1000):alice(1000)")), why.toString());
    }

    @Test
    void binaryFilesGiveTheFirstDifferingOffset() throws IOException {
        Path a = Files.write(dir.resolve("a.bin"), new byte[] {0, 1, 2, 3, 4});
        Path b = Files.write(dir.resolve("b.bin"), new byte[] {0, 1, 2, 9, 4, 5});
        assertEquals(List.of("x.bin: binary content differs (sizes 5 vs 6 bytes), first at byte offset 3"), ArtifactDiff.explain("x.bin", a, b));
    }
}
