package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.image.LayoutFixture;
import dev.hermeticbuild.image.OciLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hermetic image} from a local base layout: a verified layout out, the digest reported, a tag refused (exit 2). */
class ImageCommandTest {

    @TempDir
    Path dir;

    @Test
    void assemblesAnImageLayoutAndReportsItsDigest() throws Exception {
        String base = LayoutFixture.single(dir.resolve("base"), "base").manifests().get(0);
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/app.jar"), "app");
        BuildCommandTest.Run run = BuildCommandTest.hermetic("image", "-C", dir.toString(), "--base", "oci:base@sha256:" + base,
                "--layer", "target/app.jar:/app/app.jar", "--entrypoint", "java,-jar,/app/app.jar", "--env", "MODE=prod",
                "--out", "target/image", "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode result = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out()).path("result");
        String digest = OciLayout.read(dir.resolve("target/image")).manifests().get(0).descriptor().digest();
        assertEquals(digest, result.path("digest").asText());
        assertEquals("sha256:" + base, result.path("base").asText());
        assertEquals(2, result.path("layers").asInt());
    }

    @Test
    void aTaggedBaseIsAnInputError() {
        BuildCommandTest.Run run = BuildCommandTest.hermetic("image", "-C", dir.toString(), "--base", "oci:base:latest",
                "--out", "image");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("not pinned by digest"), run.err());
    }
}
