package dev.hermeticbuild.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OCI archives (tars of image layouts) read strictly: the good ones as their layout, each bad input refused naming it. */
class OciArchiveTest {

    @TempDir
    Path dir;
    @TempDir
    Path scratch;

    private Path layout;
    private LayoutFixture.Written written;

    @BeforeEach
    void aLayout() throws IOException {
        layout = dir.resolve("layout");
        written = LayoutFixture.single(layout, "hello");
    }

    /** The layout's files as tar entries, in the order {@code docker save} writes them. */
    private List<Entry> layoutEntries() throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(layout)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                entries.add(Entry.file(layout.relativize(f).toString(), Files.readAllBytes(f)));
            }
        }
        return entries;
    }

    private Path tar(List<Entry> entries) throws IOException {
        Path tar = dir.resolve("image.tar");
        try (OutputStream file = Files.newOutputStream(tar); TarArchiveOutputStream out = new TarArchiveOutputStream(file)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                if (e.link == 0) {
                    LayoutFixture.entry(out, e.name, e.content);
                } else {
                    TarArchiveEntry link = new TarArchiveEntry(e.name, e.link);
                    link.setLinkName("/etc/passwd");
                    out.putArchiveEntry(link);
                    out.closeArchiveEntry();
                }
            }
        }
        return tar;
    }

    private record Entry(String name, byte[] content, byte link) {
        static Entry file(String name, byte[] content) {
            return new Entry(name, content, (byte) 0);
        }

        static Entry file(String name, String content) {
            return file(name, content.getBytes(StandardCharsets.UTF_8));
        }
    }

    private String refused(Path tar) {
        String message = assertThrows(InputException.class, () -> OciArchive.open(tar, scratch).close()).getMessage();
        assertTrue(message.startsWith("OCI archive " + tar), message);
        try (Stream<Path> left = Files.list(scratch)) {
            assertEquals(0, left.count(), "a refused archive leaves no unpacked copy");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return message;
    }

    @Test
    void aDockerSaveArchiveIsItsLayoutsImage() throws Exception {
        Path tar = LayoutFixture.archive(layout, dir.resolve("docker-save.tar"));
        assertEquals(OciArchive.Kind.OCI, OciArchive.kind(tar));
        Path unpacked;
        try (OciArchive archive = OciArchive.open(tar, scratch)) {
            assertEquals(List.of(written.manifests().get(0)), archive.layout().manifests().stream().map(m -> m.descriptor().sha256()).toList());
            assertEquals(written.layer(), archive.layout().manifests().get(0).layers().get(0).sha256());
            unpacked = archive.layout().root();
            assertTrue(Files.isRegularFile(archive.layout().blob(archive.layout().manifests().get(0).layers().get(0))));
            assertTrue(!Files.exists(unpacked.resolve("manifest.json")), "Docker's own files are skipped");
        }
        assertTrue(!Files.exists(unpacked), "closing removes the unpacked copy");
    }

    @Test
    void aMultiPlatformArchiveNamesTheIndexAndEachPlatformAsTheOutput() throws Exception {
        Path multi = dir.resolve("multi");
        LayoutFixture.Written m = LayoutFixture.multiPlatform(multi);
        Path tar = LayoutFixture.archive(multi, dir.resolve("multi.tar"));
        List<ImageOutput> images = ImageOutput.among(dir, List.of(), List.of("multi.tar"), scratch);
        assertEquals(1, images.size());
        assertEquals(List.of("oci-archive:multi.tar", "oci-archive:multi.tar@linux/amd64", "oci-archive:multi.tar@linux/arm64"),
                images.get(0).subjects().stream().map(ImageSubject::name).toList());
        assertEquals(List.of(m.index(), m.manifests().get(0), m.manifests().get(1)),
                images.get(0).subjects().stream().map(ImageSubject::sha256).toList());
        assertTrue(!images.get(0).holds("multi.tar"), "the archive file stays a subject of its own");
        assertEquals(OciArchive.Kind.OCI, OciArchive.kind(tar));
    }

    @Test
    void entriesUnderDotSlashAsTarCDotWritesThemAreRead() throws Exception {
        List<Entry> entries = new ArrayList<>();
        layoutEntries().forEach(e -> entries.add(Entry.file("./" + e.name, e.content)));
        try (OciArchive archive = OciArchive.open(tar(entries), scratch)) {
            assertEquals(written.manifests().get(0), archive.layout().manifests().get(0).descriptor().sha256());
        }
    }

    @Test
    void whatIsNotAnOciArchiveIsRecognisedByContentNotName() throws Exception {
        Path plain = tar(List.of(Entry.file("hello.txt", "hi")));
        assertEquals(OciArchive.Kind.OTHER, OciArchive.kind(plain));
        Path legacy = tar(List.of(Entry.file("manifest.json", "[{\"Config\":\"c.json\",\"Layers\":[\"l/layer.tar\"]}]"),
                Entry.file("c.json", "{}"), Entry.file("l/layer.tar", "x")));
        assertEquals(OciArchive.Kind.DOCKER_LEGACY, OciArchive.kind(legacy));
        Path text = Files.writeString(dir.resolve("image.tar.txt"), "oci-layout ".repeat(100));
        assertEquals(OciArchive.Kind.OTHER, OciArchive.kind(text));
        Path named = Files.copy(LayoutFixture.archive(layout, dir.resolve("a.tar")), dir.resolve("app.bin"));
        assertEquals(OciArchive.Kind.OCI, OciArchive.kind(named), "an archive named otherwise is still one");
        assertEquals(OciArchive.Kind.OTHER, OciArchive.kind(layout), "a directory is not an archive");
    }

    @Test
    void aLinkEntryIsRefused() throws Exception {
        for (byte type : new byte[] {TarConstants.LF_SYMLINK, TarConstants.LF_LINK}) {
            List<Entry> entries = layoutEntries();
            entries.add(0, new Entry("blobs/sha256/" + written.layer(), new byte[0], type));
            entries.removeIf(e -> e.link == 0 && e.name.equals("blobs/sha256/" + written.layer()));
            String message = refused(tar(entries));
            assertTrue(message.contains("entry blobs/sha256/" + written.layer() + " is a link (to /etc/passwd)"), message);
        }
    }

    @Test
    void aPathWithDotDotIsRefused() throws Exception {
        List<Entry> entries = layoutEntries();
        entries.add(Entry.file("blobs/../../escape", "x"));
        String message = refused(tar(entries));
        assertTrue(message.contains("entry blobs/../../escape leaves the layout"), message);
        String absolute = refused(tar(List.of(Entry.file("/etc/cron.d/x", "x"))));
        assertTrue(absolute.contains("entry etc/cron.d/x is not a file of an image layout"), "read as tar reads it, without the /: " + absolute);
    }

    @Test
    void aBlobWhoseDigestIsWrongIsRefusedNamingIt() throws Exception {
        List<Entry> entries = new ArrayList<>();
        for (Entry e : layoutEntries()) {
            byte[] content = e.content.clone();
            if (e.name.equals("blobs/sha256/" + written.layer())) {
                content[600] ^= 1;
            }
            entries.add(Entry.file(e.name, content));
        }
        String message = refused(tar(entries));
        assertTrue(message.contains("blobs/sha256/" + written.layer()) && message.contains("the blob was changed"), message);
    }

    @Test
    void aMissingBlobIsRefused() throws Exception {
        List<Entry> entries = layoutEntries();
        entries.removeIf(e -> e.name.equals("blobs/sha256/" + written.layer()));
        String message = refused(tar(entries));
        assertTrue(message.contains("blob blobs/sha256/" + written.layer()) && message.contains("is missing"), message);
    }

    @Test
    void anIndexTooBigIsRefusedBeforeItIsRead() throws Exception {
        List<Entry> entries = layoutEntries();
        entries.removeIf(e -> e.name.equals(OciLayout.INDEX_FILE));
        entries.add(Entry.file(OciLayout.INDEX_FILE, " ".repeat((int) LayoutReader.JSON_LIMIT + 1)));
        String message = refused(tar(entries));
        assertTrue(message.contains("index.json is " + (LayoutReader.JSON_LIMIT + 1) + " bytes, over the"), message);
    }

    @Test
    void anEntryOutsideTheLayoutIsRefused() throws Exception {
        List<Entry> entries = layoutEntries();
        entries.add(Entry.file("run.sh", "#!/bin/sh\n"));
        String message = refused(tar(entries));
        assertTrue(message.contains("entry run.sh is not a file of an image layout"), message);
    }

    /** docker load reads manifest.json, not index.json: one naming other layers would load an image the digests do not name. */
    @Test
    void aDockerManifestListingAnotherImageIsRefused() throws Exception {
        Path other = dir.resolve("other");
        LayoutFixture.single(other, "something else");
        List<Entry> entries = layoutEntries();
        entries.add(Entry.file("manifest.json", LayoutFixture.dockerManifest(other)));
        String message = refused(tar(entries));
        assertTrue(message.contains("manifest.json [0] names config 'blobs/sha256/") && message.contains("docker load would load an image"),
                message);
        List<Entry> garbage = layoutEntries();
        garbage.add(Entry.file("manifest.json", "{\"Config\":"));
        assertTrue(refused(tar(garbage)).contains("manifest.json is not valid JSON"));
        List<Entry> matching = layoutEntries();
        matching.add(Entry.file("manifest.json", LayoutFixture.dockerManifest(layout)));
        OciArchive.open(tar(matching), scratch).close();
    }

    @Test
    void aDuplicatedEntryIsRefused() throws Exception {
        List<Entry> entries = layoutEntries();
        entries.add(Entry.file("./" + OciLayout.INDEX_FILE, "{\"schemaVersion\":2,\"manifests\":[]}"));
        String message = refused(tar(entries));
        assertTrue(message.contains("entry ./index.json appears twice"), message);
    }

    @Test
    void aTruncatedArchiveIsRefused() throws Exception {
        Path tar = tar(layoutEntries());
        byte[] bytes = Files.readAllBytes(tar);
        int end = bytes.length - 1;
        while (bytes[end] == 0) {
            end--;
        }
        Path cut = Files.write(dir.resolve("cut.tar"), java.util.Arrays.copyOf(bytes, end - 5));
        String message = refused(cut);
        assertTrue(message.contains("truncated"), message);
    }

    /** commons-compress would read a long name of any size into memory: the archive is refused at 1 MiB of headers instead. */
    @Test
    void anEntryNameOverTheHeaderBoundIsRefusedBeforeItIsRead() throws Exception {
        int over = (int) BoundedTarStream.HEADER_BYTES + 1;
        String message = refused(Files.write(dir.resolve("long-name.tar"), BoundedTarStreamTest.withLongName(OciLayout.LAYOUT_FILE, over)));
        assertTrue(message.contains("cannot be read as a tar (an entry's headers (PAX records or a GNU long name) are over 1048576"
                + " bytes; no file name is that long)"), message);
        assertEquals(OciArchive.Kind.OTHER, OciArchive.kind(Files.write(dir.resolve("first.tar"), BoundedTarStreamTest.withLongName(null, over))),
                "a tar that names no oci-layout before its headers overflow makes no claim to be an image");
    }

    @Test
    void tooManyEntriesAreRefused() throws Exception {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i <= OciArchive.MAX_ENTRIES; i++) {
            entries.add(Entry.file("blobs/sha256/" + String.format("%064x", i), new byte[0]));
        }
        String message = refused(tar(entries));
        assertTrue(message.contains("more than " + OciArchive.MAX_ENTRIES + " entries"), message);
    }

    /** Archives a real third-party tool writes: skopeo's oci-archive, and its docker-archive converted as the docs say. */
    @Test
    void skopeosArchivesAreReadAndItsDockerArchiveIsLegacyUntilConverted() throws Exception {
        Path skopeo = Path.of("/usr/bin/skopeo");
        dev.hermeticbuild.testing.Tools.require("skopeo", Files.isExecutable(skopeo), "the archives a real tool writes (Debian skopeo)");
        Path oci = dir.resolve("skopeo-oci.tar");
        run(skopeo.toString(), "copy", "--quiet", "oci:" + layout, "oci-archive:" + oci);
        String inspected = run(skopeo.toString(), "inspect", "--format", "{{.Digest}}", "oci-archive:" + oci).strip();
        assertEquals(OciArchive.Kind.OCI, OciArchive.kind(oci));
        try (OciArchive archive = OciArchive.open(oci, scratch)) {
            assertEquals(inspected, archive.layout().manifests().get(0).descriptor().digest(), "skopeo and we name the same manifest");
        }
        Path legacy = dir.resolve("docker-archive.tar");
        run(skopeo.toString(), "copy", "--quiet", "oci:" + layout, "docker-archive:" + legacy + ":app:dev");
        assertEquals(OciArchive.Kind.DOCKER_LEGACY, OciArchive.kind(legacy));
        Path converted = dir.resolve("converted.tar");
        run(skopeo.toString(), "copy", "--quiet", "docker-archive:" + legacy, "oci-archive:" + converted);
        try (OciArchive archive = OciArchive.open(converted, scratch)) {
            assertEquals(run(skopeo.toString(), "inspect", "--format", "{{.Digest}}", "oci-archive:" + converted).strip(),
                    archive.layout().manifests().get(0).descriptor().digest());
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + output);
        return output;
    }
}
