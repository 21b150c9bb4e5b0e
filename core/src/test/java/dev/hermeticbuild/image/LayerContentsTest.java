package dev.hermeticbuild.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.digest.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerContentsTest {

    @TempDir
    Path dir;

    private Path layer(String name, boolean gzip, String... entries) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = gzip ? new GzipCompressorOutputStream(raw) : raw;
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String e : entries) {
                if (e.endsWith("/")) {
                    tar.putArchiveEntry(new TarArchiveEntry(e));
                } else {
                    byte[] body = ("content of " + e).getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry entry = new TarArchiveEntry(e);
                    entry.setSize(body.length);
                    tar.putArchiveEntry(entry);
                    tar.write(body);
                }
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    private static String sha(String entry) {
        return Sha256.ofBytes(("content of " + entry).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aGzipLayerListsItsRegularFilesWithoutWhiteoutsOrDirectories() throws Exception {
        Path blob = layer("l.tgz", true, "./app/", "./app/app.jar", "/etc/os-release", "usr/.wh.old", "../../escape");
        LayerContents.Listing listing = LayerContents.list(blob, MediaTypes.OCI_LAYER_GZIP);
        assertEquals(List.of(new LayerContents.LayerFile("app/app.jar", 24, sha("./app/app.jar")),
                new LayerContents.LayerFile("etc/os-release", 26, sha("/etc/os-release"))), listing.files());
        assertEquals(Optional.empty(), listing.incomplete());
    }

    @Test
    void whatCannotBeReadIsSaidNotGuessed() throws Exception {
        Path tar = layer("l.tar", false, "a");
        assertEquals(1, LayerContents.list(tar, MediaTypes.OCI_LAYER_TAR).files().size());
        LayerContents.Listing zstd = LayerContents.list(tar, "application/vnd.oci.image.layer.v1.tar+zstd");
        assertTrue(zstd.files().isEmpty() && zstd.incomplete().orElseThrow().contains("is not read"), zstd.toString());
        Path garbage = Files.write(dir.resolve("g"), new byte[] {1, 2, 3});
        LayerContents.Listing bad = LayerContents.list(garbage, MediaTypes.OCI_LAYER_GZIP);
        assertTrue(bad.incomplete().orElseThrow().startsWith("layer is not a readable tar"), bad.toString());
    }

    @Test
    void aLayerOverTheFileBoundIsListedAsFarAsTheBoundAndMarked() throws Exception {
        String[] many = new String[LayerContents.MAX_FILES + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = "f/" + i;
        }
        LayerContents.Listing listing = LayerContents.list(layer("many.tar", false, many), MediaTypes.OCI_LAYER_TAR);
        assertEquals(LayerContents.MAX_FILES, listing.files().size());
        assertTrue(listing.incomplete().orElseThrow().startsWith("more than " + LayerContents.MAX_FILES + " files"));
    }

    @Test
    void aLayerOverTheBlobBoundIsNotReadAndSaysSo() throws Exception {
        Path layout = dir.resolve("layout");
        LayoutFixture.single(layout, "hello");
        OciLayout read = OciLayout.read(layout);
        Descriptor layer = read.manifests().get(0).layers().get(0);
        LayerContents.Listing skipped = LayerContents.of(read, layer.size() - 1).get(layer.sha256());
        assertTrue(skipped.files().isEmpty());
        assertEquals("layer of " + layer.size() + " bytes is over the " + (layer.size() - 1)
                + " read per build; list a base image's files with its own SBOM", skipped.incomplete().orElseThrow());
        assertTrue(LayerContents.of(read, layer.size()).get(layer.sha256()).incomplete().map(w -> !w.contains("read per build")).orElse(true),
                "at the bound it is read");
    }

    @Test
    void aPathLongerThanAnyLinuxPathStopsTheListing() throws Exception {
        String atTheBound = "d/" + "p".repeat(LayerContents.MAX_PATH_BYTES - 2);
        String over = "d/" + "q".repeat(LayerContents.MAX_PATH_BYTES - 1);
        LayerContents.Listing listing = LayerContents.list(layer("long.tar", false, "a", atTheBound, over, "z"), MediaTypes.OCI_LAYER_TAR);
        assertEquals(List.of("a", atTheBound), listing.files().stream().map(LayerContents.LayerFile::path).toList());
        assertEquals("an entry's path is 4097 bytes, longer than any Linux path (4096): the files before listed",
                listing.incomplete().orElseThrow());
    }

    /**
     * A gzip layer of a few kilobytes whose second entry is named by a PAX header of 8 MiB: commons-compress
     * would read any size into memory (600 MB from a 600 KB layer exhausted a 256 MB heap); the listing stops there.
     */
    @Test
    void aFileNameOverTheHeaderBoundStopsTheListingInsteadOfFillingTheHeap() throws Exception {
        Path file = dir.resolve("pax-bomb.tgz");
        int nameBytes = 8 * 1024 * 1024;
        try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(file))) {
            byte[] header = new byte[512];
            byte[] body = "content of app.jar".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry first = new TarArchiveEntry("app.jar");
            first.setSize(body.length);
            first.writeEntryHeader(header);
            out.write(header);
            out.write(java.util.Arrays.copyOf(body, 512));
            String prefix = " path=";
            long record = prefix.length() + nameBytes + 1;
            record += String.valueOf(record + String.valueOf(record).length()).length();
            TarArchiveEntry pax = new TarArchiveEntry("PaxHeaders/bomb", org.apache.commons.compress.archivers.tar.TarConstants.LF_PAX_EXTENDED_HEADER_LC);
            pax.setSize(record);
            pax.writeEntryHeader(header);
            out.write(header);
            out.write((record + prefix).getBytes(StandardCharsets.US_ASCII));
            byte[] name = new byte[64 * 1024];
            java.util.Arrays.fill(name, (byte) 'b');
            for (int i = 0; i < nameBytes / name.length; i++) {
                out.write(name);
            }
            out.write('\n');
            out.write(new byte[(int) ((512 - record % 512) % 512)]);
            TarArchiveEntry named = new TarArchiveEntry("x");
            named.setSize(1);
            named.writeEntryHeader(header);
            out.write(header);
            out.write(new byte[512 + 1024]);
        }
        assertTrue(Files.size(file) < 64 * 1024, "a small layer: " + Files.size(file));
        LayerContents.Listing listing = LayerContents.list(file, MediaTypes.OCI_LAYER_GZIP);
        assertEquals(List.of(new LayerContents.LayerFile("app.jar", 18, sha("app.jar"))), listing.files());
        assertEquals("layer is not a readable tar: an entry's headers (PAX records or a GNU long name) are over 1048576 bytes;"
                + " no file name is that long", listing.incomplete().orElseThrow());
    }

    @Test
    void aHardLinkIsNotListedAsAnEmptyFile() throws Exception {
        Path file = dir.resolve("links.tar");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(file))) {
            byte[] body = "content of bin/app".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry app = new TarArchiveEntry("bin/app");
            app.setSize(body.length);
            tar.putArchiveEntry(app);
            tar.write(body);
            tar.closeArchiveEntry();
            TarArchiveEntry hard = new TarArchiveEntry("bin/app-link", TarArchiveEntry.LF_LINK);
            hard.setLinkName("bin/app");
            tar.putArchiveEntry(hard);
            tar.closeArchiveEntry();
            TarArchiveEntry soft = new TarArchiveEntry("bin/app-sym", TarArchiveEntry.LF_SYMLINK);
            soft.setLinkName("app");
            tar.putArchiveEntry(soft);
            tar.closeArchiveEntry();
        }
        assertEquals(List.of(new LayerContents.LayerFile("bin/app", 18, sha("bin/app"))),
                LayerContents.list(file, MediaTypes.OCI_LAYER_TAR).files());
    }
}
