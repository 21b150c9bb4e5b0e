package dev.hermeticbuild.sbom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermeticbuild.artifacts.Artifact;
import dev.hermeticbuild.lock.LockedDependency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

class CycloneDxSbomTest {

    static final String SHA = "d".repeat(64);

    static final List<LockedDependency> DEPS = List.of(
            new LockedDependency("maven", "info.picocli:picocli:jar", "4.7.7", Map.of("sha256", SHA), Optional.empty(),
                    "pkg:maven/info.picocli/picocli@4.7.7?type=jar", List.of(), "hermetic.lock", 2),
            new LockedDependency("npm", "left-pad", "1.3.0", Map.of("sha512", "e".repeat(128)), Optional.empty(),
                    "pkg:npm/left-pad@1.3.0", List.of("WTFPL"), "package-lock.json", 3),
            new LockedDependency("golang", "golang.org/x/text", "v0.14.0", Map.of("h1", "abc="), Optional.empty(),
                    "pkg:golang/golang.org/x/text@v0.14.0", List.of(), "go.sum", 1));

    @Test
    void isValidCycloneDx16WithOutputsDependenciesAndTools() throws Exception {
        var doc = CycloneDxSbom.create("app", "abc123", List.of(new Artifact("dist/app.jar", 3, SHA)), DEPS, 1767225600L);
        assertEquals(List.of(), new JsonParser().validate(doc.json(), Version.VERSION_16), "schema validation");
        JsonNode bom = new ObjectMapper().readTree(doc.json());
        assertEquals("1.6", bom.path("specVersion").asText());
        assertEquals("2026-01-01T00:00:00Z", bom.path("metadata").path("timestamp").asText());
        assertEquals("hermetic-build", bom.path("metadata").path("tools").path("components").get(0).path("name").asText());
        JsonNode components = bom.path("components");
        assertEquals("dist/app.jar", components.get(0).path("name").asText());
        assertEquals(SHA, components.get(0).path("hashes").get(0).path("content").asText());
        assertEquals("pkg:maven/info.picocli/picocli@4.7.7?type=jar", components.get(1).path("purl").asText());
        assertEquals("SHA-512", components.get(2).path("hashes").get(0).path("alg").asText());
        assertEquals("WTFPL", components.get(2).path("licenses").get(0).path("license").path("name").asText());
        assertEquals(new CycloneDxSbom.Completeness(4, 3, 3, 1), doc.completeness(), "Go's h1 is not a CycloneDX hash");
    }

    @Test
    void theSameInputsGiveTheSameBytes() {
        var a = CycloneDxSbom.create("app", "abc123", List.of(), DEPS, 1767225600L);
        var b = CycloneDxSbom.create("app", "abc123", List.of(), DEPS, 1767225600L);
        assertArrayEquals(a.json(), b.json());
        var c = CycloneDxSbom.create("app", "abc124", List.of(), DEPS, 1767225600L);
        assertTrue(!new String(a.json()).equals(new String(c.json())));
    }
}
