package dev.hermeticbuild.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutTest {

    @TempDir
    Path dir;

    @Test
    void aSingleImageIsItsManifestDigest() throws Exception {
        LayoutFixture.Written written = LayoutFixture.single(dir, "hello");
        OciLayout layout = OciLayout.read(dir);
        ImageManifest manifest = layout.manifests().get(0);
        assertEquals(written.manifests().get(0), manifest.descriptor().sha256());
        assertEquals(Optional.of(new Platform("linux", "amd64", Optional.empty())), manifest.platform());
        assertEquals(written.layer(), manifest.layers().get(0).sha256());
        assertEquals(List.of(new ImageSubject("target/image", written.manifests().get(0), MediaTypes.OCI_MANIFEST,
                manifest.descriptor().size())), layout.subjects("target/image"));
    }

    @Test
    void anIndexIsItsOwnDigestAndOneSubjectPerPlatform() throws Exception {
        LayoutFixture.Written written = LayoutFixture.multiPlatform(dir);
        List<ImageSubject> subjects = OciLayout.read(dir).subjects("out/img");
        assertEquals(List.of("out/img", "out/img@linux/amd64", "out/img@linux/arm64"), subjects.stream().map(ImageSubject::name).toList());
        assertEquals(List.of(written.index(), written.manifests().get(0), written.manifests().get(1)),
                subjects.stream().map(ImageSubject::sha256).toList());
    }

    @Test
    void aTamperedBlobIsRefusedByName() throws Exception {
        LayoutFixture.Written written = LayoutFixture.single(dir, "hello");
        Path layer = dir.resolve("blobs/sha256/" + written.layer());
        byte[] bytes = Files.readAllBytes(layer);
        bytes[600] ^= 1;
        Files.write(layer, bytes);
        String message = assertThrows(InputException.class, () -> OciLayout.read(dir)).getMessage();
        assertTrue(message.contains("blobs/sha256/" + written.layer()) && message.contains("the blob was changed"), message);
    }

    @Test
    void aBlobOfTheWrongSizeIsRefused() throws Exception {
        LayoutFixture.Written written = LayoutFixture.single(dir, "hello");
        Files.write(dir.resolve("blobs/sha256/" + written.layer()), new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
        String message = assertThrows(InputException.class, () -> OciLayout.read(dir)).getMessage();
        assertTrue(message.contains(written.layer()) && message.contains("descriptor says"), message);
    }

    @Test
    void aMissingPlatformManifestIsRefusedNamingThePlatform() throws Exception {
        LayoutFixture.Written written = LayoutFixture.multiPlatform(dir);
        Files.delete(dir.resolve("blobs/sha256/" + written.manifests().get(1)));
        String message = assertThrows(InputException.class, () -> OciLayout.read(dir)).getMessage();
        assertTrue(message.contains("linux/arm64") && message.contains(written.manifests().get(1)) && message.contains("missing"), message);
    }

    @Test
    void aSymlinkedBlobIsRefused() throws Exception {
        LayoutFixture.Written written = LayoutFixture.single(dir, "hello");
        Path layer = dir.resolve("blobs/sha256/" + written.layer());
        Path elsewhere = Files.move(layer, dir.resolveSibling(dir.getFileName() + "-outside"));
        Files.createSymbolicLink(layer, elsewhere);
        try {
            String message = assertThrows(InputException.class, () -> OciLayout.read(dir)).getMessage();
            assertTrue(message.contains("symlink") && message.contains(written.layer()), message);
        } finally {
            Files.delete(elsewhere);
        }
    }

    @Test
    void unknownMediaTypesAndVersionsAreRefused() throws Exception {
        LayoutFixture.single(dir, "hello");
        Path index = dir.resolve(OciLayout.INDEX_FILE);
        Files.writeString(index, Files.readString(index).replace(MediaTypes.OCI_MANIFEST, "application/x-surprise"));
        String message = assertThrows(InputException.class, () -> OciLayout.read(dir)).getMessage();
        assertTrue(message.contains("unknown media type 'application/x-surprise'") && message.contains("index.json"), message);

        Files.writeString(dir.resolve(OciLayout.LAYOUT_FILE), "{\"imageLayoutVersion\":\"2.0.0\"}");
        message = assertThrows(InputException.class, () -> OciLayout.read(dir)).getMessage();
        assertTrue(message.contains("oci-layout") && message.contains("2.0.0"), message);
    }

    @Test
    void aDigestThatIsNotSha256HexIsRefused() throws Exception {
        LayoutFixture.single(dir, "hello");
        Files.writeString(dir.resolve(OciLayout.INDEX_FILE), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
                + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"sha256:../../../etc/passwd\",\"size\":1}]}", StandardCharsets.UTF_8);
        String message = assertThrows(InputException.class, () -> OciLayout.read(dir)).getMessage();
        assertTrue(message.contains("expected sha256:<64 lower-case hex>"), message);
    }
}
