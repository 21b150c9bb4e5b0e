package dev.hermeticbuild.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.bundle.BundleNames;
import dev.hermeticbuild.digest.Sha256;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionTest {

    @Test
    void aPatternMatchingNothingIsAnError() {
        assertEquals(List.of("a", "b"), Selection.require("*", List.of("b", "a")));
        assertEquals("no file in the workspace matches 'dist/*.tar.gz'",
                assertThrows(InputException.class, () -> Selection.require("dist/*.tar.gz", List.of())).getMessage());
    }

    @Test
    void streamsDigestLikeFiles() {
        byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
        assertEquals(Sha256.ofBytes(bytes), Sha256.ofStream(new ByteArrayInputStream(bytes), "s"));
    }

    @Test
    void bundleNamesFollowThePolicy() {
        assertEquals("d/a.tgz.sigstore.json", BundleNames.defaultFor("d/a.tgz", false));
        assertEquals("d/a.tgz.provenance.sigstore.json", BundleNames.defaultFor("d/a.tgz", true));
    }
}
