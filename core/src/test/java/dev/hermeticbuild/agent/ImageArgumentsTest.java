package dev.hermeticbuild.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageArgumentsTest {

    private static final String BASE = "oci:base@sha256:" + "ab".repeat(32);

    @Test
    void theStepsImageParametersBecomeTheBuildsImageOptionsBeforeTheCommand() {
        Optional<ImageArguments> image = ImageArguments.of(BASE, "target/app.jar:/app/app.jar, target/lib:/app/lib",
                "java,-jar,/app/app.jar", List.of("JAVA_OPTS=-Xmx1g,-Xss1m"), List.of("org.opencontainers.image.title=app"),
                "linux/arm64/v8", "target/image");
        assertEquals(List.of("build", "--out", "/o", "--output", "target/*.jar", "--tier", "release", "--sandbox", "auto",
                        "--builder-id", "b", "--image-base", BASE, "--image-layer", "target/app.jar:/app/app.jar",
                        "--image-layer", "target/lib:/app/lib", "--image-entrypoint", "java,-jar,/app/app.jar",
                        "--image-env", "JAVA_OPTS=-Xmx1g,-Xss1m", "--image-label", "org.opencontainers.image.title=app",
                        "--image-platform", "linux/arm64/v8", "--image-name", "target/image", "--outputs-to-workspace",
                        "--", "sh", "-c", "mvn -o package"),
                BuildCommandLine.arguments("mvn -o package", List.of("target/*.jar"), "release", "auto", "b", "/o", null, null, null,
                        image, true));
    }

    @Test
    void noImageParametersMeansNoImageAndScratchNeedsNoDigest() {
        assertEquals(Optional.empty(), ImageArguments.of(null, " ", null, null, List.of(), "", null));
        assertEquals(List.of("--image-base", "scratch", "--image-layer", "a:/a", "--image-name", "image"),
                ImageArguments.of("scratch", "a:/a", null, null, null, null, null).orElseThrow().options());
    }

    @Test
    void misuseIsRefusedNamingTheParameter() {
        assertMessage("give imageBase: 'oci:DIR@sha256:HEX' (or 'scratch')",
                () -> ImageArguments.of(null, "a:/a", null, null, null, null, null));
        assertMessage("imageBase: --base 'registry.example.com/base:1'",
                () -> ImageArguments.of("registry.example.com/base:1", "a:/a", null, null, null, null, null));
        assertMessage("is not pinned by digest", () -> ImageArguments.of("oci:base:latest", "a:/a", null, null, null, null, null));
        assertMessage("imageLayers: name at least one OUTPUT:DEST", () -> ImageArguments.of("scratch", " ", null, null, null, null, null));
        assertMessage("imageLayers: --layer 'a': expected SRC:DEST", () -> ImageArguments.of("scratch", "a", null, null, null, null, null));
        assertMessage("imageEnv '=x': expected NAME=VALUE", () -> ImageArguments.of("scratch", "a:/a", null, List.of("=x"), null, null, null));
        assertMessage("imageLabels 'nolabel': expected NAME=VALUE",
                () -> ImageArguments.of("scratch", "a:/a", null, null, List.of("nolabel"), null, null));
        assertMessage("platform 'linux'", () -> ImageArguments.of("scratch", "a:/a", null, null, null, "linux", null));
        assertMessage("imageName '../image'", () -> ImageArguments.of("scratch", "a:/a", null, null, null, null, "../image"));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        String message = assertThrows(InputException.class, call).getMessage();
        assertTrue(message.contains(expected), message);
    }
}
