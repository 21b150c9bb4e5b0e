package dev.hermeticbuild.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading only an image's manifests from a layout held elsewhere (what a Jenkins controller does
 * with a layout on an agent): the files come one by one through a source that copies, capped, from
 * a real layout; layers never travel, everything that does is checked against its digest.
 */
class LayoutManifestsTest {

    @TempDir
    Path dir;

    private final List<String> fetched = new ArrayList<>();

    /** Copies from {@code from} as an agent would, refusing more than the reader's limit. */
    private OciLayout.Source from(Path from) {
        return (relative, maxBytes, target) -> {
            fetched.add(relative);
            Path file = from.resolve(relative);
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(relative + " is not a regular file in the layout");
            }
            try (InputStream in = Files.newInputStream(file); OutputStream out = Files.newOutputStream(target)) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw new IOException(relative + " is over " + maxBytes + " bytes");
                }
                out.write(bytes);
            }
        };
    }

    @Test
    void theManifestsAreReadWithoutTheLayers() throws Exception {
        Path agent = dir.resolve("agent");
        LayoutFixture.Written image = LayoutFixture.multiPlatform(agent);
        OciLayout full = OciLayout.read(agent);
        Files.walk(agent.resolve("blobs/sha256")).filter(Files::isRegularFile).forEach(f -> {
            boolean layer = full.manifests().stream().anyMatch(m -> m.layers().stream().anyMatch(l -> l.sha256().equals(f.getFileName().toString())));
            if (layer) {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        Path copy = Files.createDirectories(dir.resolve("controller"));
        OciLayout manifests = OciLayout.readManifests(copy, from(agent));
        assertEquals(image.index(), manifests.signed("target/image").sha256());
        assertEquals(full.subjects("target/image"), manifests.subjects("target/image"));
        assertEquals(image.index(), dev.hermeticbuild.digest.Sha256.ofFile(manifests.signedBlob()));
        assertTrue(fetched.containsAll(List.of(OciLayout.LAYOUT_FILE, OciLayout.INDEX_FILE)), fetched.toString());
        for (ImageManifest m : full.manifests()) {
            for (Descriptor layer : m.layers()) {
                assertFalse(fetched.contains("blobs/sha256/" + layer.sha256()), "a layer was fetched: " + layer.sha256());
            }
        }
    }

    @Test
    void aChangedManifestOrAnOversizedFileIsRefused() throws Exception {
        Path agent = dir.resolve("agent");
        LayoutFixture.Written image = LayoutFixture.single(agent, "hello");
        Path manifest = agent.resolve("blobs/sha256/" + image.manifests().get(0));
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("application/", "Application/"));
        InputException changed = assertThrows(InputException.class,
                () -> OciLayout.readManifests(Files.createDirectories(dir.resolve("c1")), from(agent)));
        assertTrue(changed.getMessage().contains("the blob was changed"), changed.getMessage());

        Path big = dir.resolve("big");
        LayoutFixture.single(big, "hello");
        Files.write(big.resolve(OciLayout.INDEX_FILE), new byte[5 << 20]);
        InputException oversized = assertThrows(InputException.class,
                () -> OciLayout.readManifests(Files.createDirectories(dir.resolve("c2")), from(big)));
        assertTrue(oversized.getMessage().contains("cannot fetch index.json") && oversized.getMessage().contains("is over"),
                oversized.getMessage());
    }
}
