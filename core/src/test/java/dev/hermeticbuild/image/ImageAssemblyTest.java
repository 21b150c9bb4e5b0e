package dev.hermeticbuild.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jib assembling real images offline from a real local layout; the same inputs give the same manifest digest. */
class ImageAssemblyTest {

    @TempDir
    Path base;
    @TempDir
    Path work;

    private AssembledImage assemble(Path workingDir, String jarContent, String outName) throws Exception {
        return assemble(workingDir, jarContent, outName, FileTime.from(Instant.now()));
    }

    private AssembledImage assemble(Path workingDir, String jarContent, String outName, FileTime fileTimes) throws Exception {
        Files.createDirectories(workingDir.resolve("target/lib"));
        Files.writeString(workingDir.resolve("target/app.jar"), jarContent);
        Files.writeString(workingDir.resolve("target/lib/dep.jar"), "dep");
        for (String file : List.of("target/app.jar", "target/lib/dep.jar", "target/lib")) {
            Files.setLastModifiedTime(workingDir.resolve(file), fileTimes);
        }
        ImageSpec spec = ImageSpec.builder(java.util.Optional.of(BaseImage.parse("oci:" + base + "@sha256:" + baseDigest, workingDir)),
                        workingDir.resolve(outName))
                .layer(LayerSpec.parse("target/lib:/app/lib", workingDir))
                .layer(LayerSpec.parse("target/app.jar:/app/app.jar", workingDir))
                .entrypoint(List.of("java", "-jar", "/app/app.jar")).env("APP_MODE", "prod").label("org.example.team", "a")
                .time(Instant.ofEpochSecond(1_700_000_000)).build();
        return ImageAssembly.assemble(spec);
    }

    private String baseDigest;

    @Test
    void theSameInputsGiveTheSameDigestAndAChangedLayerAnother() throws Exception {
        baseDigest = LayoutFixture.single(base, "base file").manifests().get(0);
        Path first = Files.createDirectories(work.resolve("one"));
        Path second = Files.createDirectories(work.resolve("elsewhere/two"));
        AssembledImage a = assemble(first, "app v1", "image");
        AssembledImage b = assemble(second, "app v1", "out/image", FileTime.from(Instant.parse("2031-05-05T05:05:05Z")));
        assertEquals(a.digest(), b.digest());
        assertEquals(java.util.Optional.of(baseDigest), a.baseManifestSha256());
        assertEquals(a.digest(), OciLayout.read(first.resolve("image")).manifests().get(0).descriptor().digest());

        AssembledImage changed = assemble(Files.createDirectories(work.resolve("three")), "app v2", "image");
        assertNotEquals(a.digest(), changed.digest());
    }

    /** {@code scratch}: no base layer, the platform given (linux/amd64 by default), and as reproducible as any other. */
    @Test
    void aScratchImageHasOnlyItsOwnLayers() throws Exception {
        Files.writeString(work.resolve("app.bin"), "static binary");
        java.util.function.Function<String, AssembledImage> scratch = out -> ImageAssembly.assemble(ImageSpec.builder(
                BaseImage.parseOrScratch("scratch", work), work.resolve(out)).layer(LayerSpec.parse("app.bin:/app", work))
                .platform(Platform.parse("linux/arm64")).entrypoint(List.of("/app")).build());
        AssembledImage a = scratch.apply("one");
        assertEquals(java.util.Optional.empty(), a.baseManifestSha256());
        assertEquals(1, a.manifest().layers().size());
        assertEquals(a.digest(), scratch.apply("two").digest());
        String config = Files.readString(a.layout().blob(a.manifest().config()));
        assertTrue(config.contains("\"architecture\":\"arm64\"") && config.contains("\"os\":\"linux\""), config);
    }

    @Test
    void layersHoldTheFilesWithFixedTimesOwnersAndModes() throws Exception {
        baseDigest = LayoutFixture.single(base, "base file").manifests().get(0);
        AssembledImage image = assemble(work, "app", "image");
        ImageManifest manifest = image.manifest();
        assertEquals(3, manifest.layers().size(), "the base layer and one per --layer");
        List<String> entries = new ArrayList<>();
        for (Descriptor layer : manifest.layers().subList(1, 3)) {
            try (InputStream in = Files.newInputStream(image.layout().blob(layer));
                 TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
                for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                    entries.add(e.getName() + " " + Integer.toOctalString(e.getMode() & 07777) + " " + e.getLongUserId() + ":"
                            + e.getLongGroupId());
                    if (e.isFile()) {
                        assertEquals(1_700_000_000L, e.getModTime().toInstant().getEpochSecond(), e.getName());
                    }
                }
            }
        }
        assertTrue(entries.contains("app/lib/dep.jar 644 0:0") && entries.contains("app/app.jar 644 0:0"), entries.toString());
        String config = Files.readString(image.layout().blob(manifest.config()));
        assertTrue(config.contains("\"java\",\"-jar\",\"/app/app.jar\"") && config.contains("APP_MODE=prod")
                && config.contains("org.example.team") && config.contains("2023-11-14T22:13:20Z"), config);
    }

    @Test
    void aMultiPlatformBaseNeedsAPlatform() throws Exception {
        LayoutFixture.Written written = LayoutFixture.multiPlatform(base);
        OciLayout layout = OciLayout.read(base);
        BaseImage index = new BaseImage(base, written.index());
        String message = assertThrows(InputException.class, () -> ImageAssembly.choose(layout, index, Optional.empty())).getMessage();
        assertTrue(message.contains("linux/amd64") && message.contains("linux/arm64") && message.contains("--platform"), message);
        assertEquals(written.manifests().get(1),
                ImageAssembly.choose(layout, index, Optional.of(Platform.parse("linux/arm64"))).descriptor().sha256());
        message = assertThrows(InputException.class, () -> ImageAssembly.choose(layout, new BaseImage(base, "0".repeat(64)),
                Optional.empty())).getMessage();
        assertTrue(message.contains("no manifest or index of that digest") && message.contains(written.index()), message);
    }

    @Test
    void tagsAndRegistriesAreRefusedWithHowToPin() {
        String tag = assertThrows(InputException.class, () -> BaseImage.parse("oci:base:latest", work)).getMessage();
        assertTrue(tag.contains("not pinned by digest") && tag.contains("oci:DIR@sha256:"), tag);
        String registry = assertThrows(InputException.class, () -> BaseImage.parse("registry.example.com/base@sha256:" + "a".repeat(64),
                work)).getMessage();
        assertTrue(registry.contains("no registry") && registry.contains("skopeo copy"), registry);
        assertThrows(InputException.class, () -> LayerSpec.parse("app.jar:relative/path", work));
        assertThrows(InputException.class, () -> LayerSpec.parse("app.jar:/app/../../etc", work));
    }

    @Test
    void sourceDateEpochSetsTheTime() {
        assertEquals(Instant.ofEpochSecond(42), ImageSpec.timeFrom(Map.of("SOURCE_DATE_EPOCH", "42")));
        assertEquals(ImageSpec.DEFAULT_TIME, ImageSpec.timeFrom(Map.of()));
        assertThrows(InputException.class, () -> ImageSpec.timeFrom(Map.of("SOURCE_DATE_EPOCH", "yesterday")));
    }
}
