package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.cli.BuildCommandTest.Run;
import dev.hermeticbuild.image.LayoutFixture;
import dev.hermeticbuild.image.OciLayout;
import dev.hermeticbuild.testing.OciRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hermetic pull} from a real registry (Distribution 2.8 over TLS): a multi-platform image
 * by its index, or one platform's manifest, into a layout that {@code hermetic image} builds on
 * offline; a digest the registry does not have, an existing directory and a platform the image
 * lacks are each refused, leaving nothing behind.
 */
class PullCommandTest {

    @TempDir
    static Path registryDir;

    private static OciRegistry registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        registry = OciRegistry.start(registryDir);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private Run hermetic(String... args) {
        return BuildCommandTest.hermetic(args);
    }

    private String pushed(String repo) throws Exception {
        LayoutFixture.Written written = LayoutFixture.multiPlatform(dir.resolve("multi"));
        Run push = hermetic("push", "--image", dir.resolve("multi").toString(), "--to", registry.host() + "/" + repo,
                "--registry-ca", registry.caPem().toString());
        assertEquals(0, push.exit(), push.err());
        assertTrue(push.out().startsWith("pushed " + registry.host() + "/" + repo + "@sha256:" + written.index()), push.out());
        return written.index();
    }

    @Test
    void aMultiPlatformImageIsPulledWholeOrOnePlatformAndBuiltOnOffline() throws Exception {
        String index = pushed("base/multi");
        LayoutFixture.Written expected = LayoutFixture.multiPlatform(dir.resolve("again"));
        String ref = registry.host() + "/base/multi@sha256:" + index;

        Run whole = hermetic("pull", "--image", ref, "--out", dir.resolve("whole").toString(), "--registry-ca", registry.caPem().toString());
        assertEquals(0, whole.exit(), whole.err());
        assertEquals(index, OciLayout.read(dir.resolve("whole")).subjects("b").get(0).sha256());
        assertEquals(3, OciLayout.read(dir.resolve("whole")).subjects("b").size());

        Run arm = hermetic("pull", "--image", ref, "--platform", "linux/arm64", "--out", dir.resolve("arm").toString(),
                "--registry-ca", registry.caPem().toString(), "--json");
        assertEquals(0, arm.exit(), arm.err());
        JsonNode result = JsonOutputSchema.result(arm.exit(), arm.out(), arm.err());
        assertEquals("sha256:" + expected.manifests().get(1), result.get("digest").asText());
        assertEquals("oci:" + dir.resolve("arm") + "@sha256:" + expected.manifests().get(1), result.get("base").asText());

        Path app = Files.writeString(dir.resolve("app.txt"), "on the pulled base");
        Run image = hermetic("image", "--base", result.get("base").asText(), "--layer", app + ":/srv/app.txt",
                "--out", dir.resolve("built").toString());
        assertEquals(0, image.exit(), image.err());
        assertEquals(2, OciLayout.read(dir.resolve("built")).manifests().get(0).layers().size());
    }

    @Test
    void whatCannotBePulledIsRefusedAndLeavesNothing() throws Exception {
        String index = pushed("base/refusals");
        String ref = registry.host() + "/base/refusals@sha256:" + index;
        Run missing = hermetic("pull", "--image", registry.host() + "/base/refusals@sha256:" + "0".repeat(64), "--out",
                dir.resolve("missing").toString(), "--registry-ca", registry.caPem().toString());
        assertEquals(1, missing.exit(), missing.err());
        assertTrue(missing.err().contains("has no image"), missing.err());
        assertFalse(Files.exists(dir.resolve("missing")));

        Run platform = hermetic("pull", "--image", ref, "--platform", "linux/s390x", "--out", dir.resolve("s390x").toString(),
                "--registry-ca", registry.caPem().toString());
        assertEquals(2, platform.exit(), platform.err());
        assertTrue(platform.err().contains("--platform linux/s390x") && platform.err().contains("[linux/amd64, linux/arm64]"), platform.err());
        assertFalse(Files.exists(dir.resolve("s390x")));

        Files.createDirectories(dir.resolve("exists"));
        Run exists = hermetic("pull", "--image", ref, "--out", dir.resolve("exists").toString(), "--registry-ca", registry.caPem().toString());
        assertEquals(2, exists.exit(), exists.err());
        assertTrue(exists.err().contains("already exists"), exists.err());

        Run tag = hermetic("pull", "--image", registry.host() + "/base/refusals:latest", "--out", dir.resolve("tag").toString());
        assertEquals(2, tag.exit(), tag.err());
    }
}
