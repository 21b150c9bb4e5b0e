package dev.hermeticbuild.admission;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.kubernetes.ImageReference;
import org.junit.jupiter.api.Test;

/** Every spelling of one image meets the same rule, and no pattern reaches into another registry or repository. */
class ImagePatternTest {

    private static final String DIGEST = "@sha256:" + "a".repeat(64);

    private static boolean matches(String pattern, String image) {
        return ImagePattern.parse(pattern, "images[0]").matches(ImageReference.parse(image + DIGEST, "image"));
    }

    @Test
    void spellingsOfOneImageMeetTheSameRule() {
        for (String image : new String[] {"nginx", "library/nginx", "docker.io/nginx", "docker.io/library/nginx",
                "index.docker.io/library/nginx", "registry-1.docker.io/nginx", "docker.io:443/nginx"}) {
            assertTrue(matches("docker.io/library/**", image), image);
            assertTrue(matches("nginx", image), image);
        }
        assertTrue(matches("ghcr.io/org/**", "GHCR.IO/org/app"));
        assertTrue(matches("registry.example.com/team/**", "registry.example.com:443/team/app"));
    }

    @Test
    void patternsThatCouldReachAnotherRegistryOrRepositoryAreRefused() {
        for (String pattern : new String[] {"registry.example.com**", "*example.com/**", "*.example.com/app", "registry.example.com/team**",
                "registry.example.com//app"}) {
            assertThrows(InputException.class, () -> ImagePattern.parse(pattern, "images[0]"), pattern);
        }
        assertFalse(matches("registry.example.com/team/*", "registry.example.com/team-evil/app"));
        assertFalse(matches("registry.example.com/team/**", "registry.example.com.evil.net/team/app"));
        assertFalse(matches("registry.example.com/*/app", "registry.example.com/a/b/app"));
    }
}
