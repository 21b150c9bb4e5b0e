package dev.hermeticbuild.sbom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermeticbuild.cache.CacheException;
import dev.hermeticbuild.lock.LockedDependency;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CycloneDxSbomTest {

    static JsonNode json(CycloneDxSbom.Document doc) throws Exception {
        return new ObjectMapper().readTree(doc.json());
    }

    static String hex(String algorithm, String content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    static Map<String, String> hashes(JsonNode component) {
        Map<String, String> m = new TreeMap<>();
        component.path("hashes").forEach(h -> m.put(h.path("alg").asText(), h.path("content").asText()));
        return m;
    }

    static JsonNode byRef(JsonNode array, String ref) {
        for (JsonNode n : array) {
            if (ref.equals(n.path("bom-ref").asText()) || ref.equals(n.path("ref").asText())) {
                return n;
            }
        }
        throw new AssertionError(ref + " not in " + array);
    }

    static String property(JsonNode node, String name) {
        List<String> values = properties(node, name);
        assertEquals(1, values.size(), name + " in " + node.path("properties"));
        return values.get(0);
    }

    static List<String> properties(JsonNode node, String name) {
        List<String> values = new ArrayList<>();
        node.path("properties").forEach(p -> {
            if (p.path("name").asText().equals(name)) {
                values.add(p.path("value").asText());
            }
        });
        return values;
    }

    /** The warm-up runs the whole serialise-and-validate path only if its made-up document is valid; a throw would end it early, unseen. */
    @Test
    void theWarmUpDocumentHasEveryPartOfAnSbomAndIsValid() throws Exception {
        byte[] json = CycloneDxSbom.json(CycloneDxSbom.warmUpBom());
        CycloneDxSbom.validate(json);
        assertEquals(List.of(), new JsonParser().validate(json, Version.VERSION_16), "strict CycloneDX 1.6");
        JsonNode bom = new ObjectMapper().readTree(json);
        for (String part : List.of("/metadata/tools/components/0/hashes", "/metadata/component", "/metadata/properties",
                "/components/0/supplier", "/components/0/externalReferences", "/dependencies/0/dependsOn",
                "/formulation/0/properties")) {
            assertFalse(bom.at(part).isMissingNode(), part + " in " + bom);
        }
    }

    @Test
    void componentsAreTheRuntimeGraphScopedWithHashesFromTheCacheAndSpdxLicenses(@TempDir Path dir) throws Exception {
        var doc = new SbomFixtures(dir).create();
        assertEquals(List.of(), new JsonParser().validate(doc.json(), Version.VERSION_16), "strict CycloneDX 1.6");
        JsonNode bom = json(doc);
        JsonNode components = bom.path("components");
        assertEquals(2, components.size(), "only the run-time graph: " + components);
        JsonNode a = byRef(components, SbomFixtures.LIB_A);
        assertEquals("required", a.path("scope").asText());
        assertEquals("org.example", a.path("group").asText());
        assertEquals("lib-a", a.path("name").asText());
        assertEquals("2.1", a.path("version").asText());
        assertEquals(SbomFixtures.LIB_A, a.path("purl").asText());
        assertEquals("Example Org", a.path("supplier").path("name").asText());
        assertEquals(Map.of("SHA-1", hex("SHA-1", "lib-a bytes"), "SHA-256", hex("SHA-256", "lib-a bytes"),
                "SHA-512", hex("SHA-512", "lib-a bytes")), hashes(a), "computed from the verified cache entry");
        assertEquals("Apache-2.0", a.path("licenses").get(0).path("license").path("id").asText(), "a POM name mapped to its SPDX id");
        JsonNode b = byRef(components, SbomFixtures.LIB_B);
        assertEquals("optional", b.path("scope").asText());
        assertEquals("MIT OR Apache-2.0", b.path("licenses").get(0).path("expression").asText());

        JsonNode deps = bom.path("dependencies");
        assertEquals(SbomFixtures.LIB_A, byRef(deps, SbomFixtures.APP).path("dependsOn").get(0).asText());
        assertEquals(SbomFixtures.LIB_B, byRef(deps, SbomFixtures.LIB_A).path("dependsOn").get(0).asText());
        assertEquals(0, byRef(deps, SbomFixtures.LIB_B).path("dependsOn").size(), "a leaf is declared with no dependencies");

        assertEquals(new CycloneDxSbom.Completeness(2, 2, 2, 2, 4, 2, Map.of(), List.of()), doc.completeness());
        assertTrue(doc.completeness().summary().startsWith("2 runtime / 4 build-time / 2 licensed (2 SPDX)"), doc.completeness().summary());
    }

    @Test
    void whatTheBuildUsedButDoesNotShipIsFormulationScopedExcludedWithPurlsAndHashes(@TempDir Path dir) throws Exception {
        JsonNode bom = json(new SbomFixtures(dir).create());
        JsonNode formulation = bom.path("formulation").get(0).path("components");
        assertEquals(4, formulation.size(), "the plugin, the parent POM, the JDK, the agent image: " + formulation);
        for (JsonNode c : formulation) {
            assertEquals("excluded", c.path("scope").asText(), c.toString());
            assertFalse(c.path("hashes").isEmpty(), c.toString());
        }
        JsonNode plugin = byRef(formulation, SbomFixtures.PLUGIN);
        assertEquals(hex("SHA-512", "plugin bytes"), hashes(plugin).get("SHA-512"));
        assertEquals("hermetic.lock:4", property(plugin, "hermetic:lockfile"));
        assertEquals(SbomFixtures.PARENT_POM, byRef(formulation, SbomFixtures.PARENT_POM).path("purl").asText());
        JsonNode jdk = byRef(formulation, "toolchain:jdk:/usr/lib/jvm/java-17");
        assertEquals("platform", jdk.path("type").asText());
        assertEquals("17.0.13+11", jdk.path("version").asText());
        JsonNode image = byRef(formulation, "agent-image");
        assertEquals("container", image.path("type").asText());
        assertEquals("pkg:oci/agent@sha256%3A" + "a".repeat(64) + "?repository_url=registry.example%2Fhermetic%2Fagent",
                image.path("purl").asText());
        for (JsonNode c : bom.path("components")) {
            assertNotEquals(SbomFixtures.PLUGIN, c.path("purl").asText(), "a plugin is never listed as shipped");
        }
    }

    @Test
    void metadataComponentIsTheArtifactWithItsOutputHashesAndTheCommitOutsideItsVersion(@TempDir Path dir) throws Exception {
        JsonNode bom = json(new SbomFixtures(dir).create());
        JsonNode root = bom.path("metadata").path("component");
        assertEquals(SbomFixtures.APP, root.path("purl").asText());
        assertEquals(SbomFixtures.APP, root.path("bom-ref").asText());
        assertEquals("library", root.path("type").asText());
        assertEquals("1.0", root.path("version").asText(), "the version is the artifact's, not the commit");
        assertEquals("Example Org", root.path("supplier").path("name").asText());
        assertEquals("Apache-2.0", root.path("licenses").get(0).path("license").path("id").asText());
        assertEquals(Map.of("SHA-256", hex("SHA-256", "the artifact's bytes"), "SHA-512", hex("SHA-512", "the artifact's bytes")),
                hashes(root), "hashes of target/app-1.0.jar, the output that is the artifact");
        String commit = "c0ffee".repeat(6) + "c0ff";
        assertEquals(commit, property(root, "hermetic:source.commit"));
        JsonNode vcs = root.path("externalReferences").get(0);
        assertEquals("vcs", vcs.path("type").asText());
        assertEquals("git+https://git.example/app.git", vcs.path("url").asText());
        assertTrue(vcs.path("comment").asText().contains(commit));
        assertEquals("target/app-1.0-sources.jar", root.path("components").get(0).path("name").asText(), "the other output, inside the artifact");
        assertEquals("2026-01-01T00:00:00Z", bom.path("metadata").path("timestamp").asText());
        assertEquals(1, bom.path("metadata").path("tools").path("components").size(), "only hermetic-build: the JDK is a toolchain");
        for (JsonNode c : bom.path("components")) {
            assertNotEquals(SbomFixtures.APP, c.path("purl").asText(), "the artifact is not a component of itself");
        }
    }

    @Test
    void aLicenseThatMapsToNothingStaysANameAndIsCountedAndNamed(@TempDir Path dir) throws Exception {
        SbomFixtures f = new SbomFixtures(dir);
        DependencyGraph g = f.graph;
        var odd = new DependencyGraph.Component("pkg:maven/org.example/odd@1?type=jar", "org.example", "odd", "1",
                DependencyGraph.Scope.REQUIRED, List.of("Bogus Licence 9", "MIT"), Optional.empty(), Optional.empty());
        var components = new ArrayList<>(g.components());
        components.add(odd);
        var doc = CycloneDxSbom.create(List.of(), new DependencyGraph(g.root(), components, g.edges(), g.resolvedBy(), List.of()),
                f.locked, List.of(), SbomContext.at(SbomFixtures.EPOCH));
        JsonNode licenses = byRef(json(doc).path("components"), odd.purl()).path("licenses");
        assertEquals("Bogus Licence 9", licenses.get(0).path("license").path("name").asText());
        assertEquals("MIT", licenses.get(1).path("license").path("id").asText());
        assertEquals(Map.of("Bogus Licence 9", 1), doc.completeness().unresolvedLicenses());
        assertEquals(3, doc.completeness().withLicenses());
        assertEquals(2, doc.completeness().withSpdxLicenses());
        assertTrue(doc.completeness().summary().contains("1 unresolved license name(s): 'Bogus Licence 9' (1)"), doc.completeness().summary());
        assertEquals("Bogus Licence 9 (1 component)", property(json(doc).path("metadata"), "hermetic:license.unresolved"));
    }

    @Test
    void aCacheEntryChangedOnDiskIsRefusedNotHashed(@TempDir Path dir) throws Exception {
        SbomFixtures f = new SbomFixtures(dir);
        LockedDependency plugin = f.locked.get(2);
        Path entry = f.cache.entry("sha256", plugin.sha256().orElseThrow());
        Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(entry, "poisoned plugin bytes");
        var e = assertThrows(CacheException.class, f::create);
        assertTrue(e.getMessage().contains("hermetic.lock:4 org.apache.maven.plugins:maven-jar-plugin:jar@3.4.2"), e.getMessage());
        assertTrue(e.getMessage().contains("changed on disk"), e.getMessage());
    }

    @Test
    void edgesToUnknownComponentsAndCyclesAreNamedNeverDroppedSilently(@TempDir Path dir) throws Exception {
        SbomFixtures f = new SbomFixtures(dir);
        DependencyGraph g = f.graph;
        var edges = Map.of(SbomFixtures.APP, List.of(SbomFixtures.LIB_A, "pkg:maven/org.example/ghost@1"),
                SbomFixtures.LIB_A, List.of(SbomFixtures.LIB_B), SbomFixtures.LIB_B, List.of(SbomFixtures.LIB_A));
        var doc = CycloneDxSbom.create(List.of(), new DependencyGraph(g.root(), g.components(), edges, g.resolvedBy(),
                List.of("org.example:lib-c:pom:1 is not in the cache")), f.locked, List.of(), SbomContext.at(SbomFixtures.EPOCH));
        JsonNode metadata = json(doc).path("metadata");
        List<String> problems = properties(metadata, "hermetic:problem");
        assertTrue(problems.contains("org.example:lib-c:pom:1 is not in the cache"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("depends on pkg:maven/org.example/ghost@1")), problems.toString());
        assertEquals(List.of(SbomFixtures.LIB_A + " -> " + SbomFixtures.LIB_B + " -> " + SbomFixtures.LIB_A),
                properties(metadata, "hermetic:dependency.cycle"));
        assertEquals(doc.completeness().problems(), problems);
    }

    @Test
    void theSameInputsGiveTheSameBytes(@TempDir Path dir) throws Exception {
        SbomFixtures f = new SbomFixtures(dir);
        var a = f.create();
        var b = f.create();
        assertArrayEquals(a.json(), b.json());
        var c = CycloneDxSbom.create(f.artifacts, f.graph, f.locked, List.of(), new SbomContext(SbomFixtures.EPOCH, Optional.of("other"),
                Optional.empty(), Optional.of(f.outputs), Optional.of(f.cache), Optional.empty()));
        assertNotEquals(new String(a.json(), StandardCharsets.UTF_8), new String(c.json(), StandardCharsets.UTF_8));
    }
}
