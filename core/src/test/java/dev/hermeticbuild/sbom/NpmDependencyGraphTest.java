package dev.hermeticbuild.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.lock.NpmLockfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmDependencyGraphTest {

    static final String LOCK = """
            {"name": "app", "version": "1.2.0", "lockfileVersion": 3, "requires": true, "packages": {
              "": {"name": "app", "version": "1.2.0", "license": "ISC",
                   "dependencies": {"a": "^1", "b": "^1", "@s/x": "^1"}, "devDependencies": {"d": "^1"}, "optionalDependencies": {"o": "^1"}},
              "node_modules/a": {"version": "1.0.0", "resolved": "https://registry.npmjs.org/a/-/a-1.0.0.tgz",
                   "integrity": "sha512-AAAA", "license": "MIT", "dependencies": {"b": "^2", "c": "^1"}},
              "node_modules/a/node_modules/b": {"version": "2.0.0", "license": "MIT"},
              "node_modules/b": {"version": "1.0.0", "license": "(MIT OR Apache-2.0)"},
              "node_modules/c": {"version": "1.0.0", "dependencies": {"a": "^1"}},
              "node_modules/d": {"version": "1.0.0", "dev": true, "dependencies": {"b": "^1"}},
              "node_modules/o": {"version": "1.0.0", "optional": true},
              "node_modules/@s/x": {"version": "1.0.0", "dependencies": {"missing": "^1"}, "peerDependencies": {"react": "*"}}
            }}
            """;

    static Path project(Path dir) throws Exception {
        Files.writeString(dir.resolve("package-lock.json"), LOCK);
        Files.writeString(dir.resolve("package.json"), "{\"name\": \"app\", \"version\": \"1.2.0\", \"author\": \"Ada Lovelace <ada@example.org> (https://example.org)\"}");
        return dir;
    }

    @Test
    void devEntriesAreNotShippedOptionalOnesAreOptionalAndNestedPathsAreEdges(@TempDir Path dir) throws Exception {
        DependencyGraph g = NpmDependencyGraph.read(project(dir));
        assertEquals("pkg:npm/app@1.2.0", g.root().purl());
        assertEquals(Optional.of("Ada Lovelace"), g.root().supplier(), "package.json's author, without email and url");
        assertEquals(List.of("ISC"), g.root().licenses());
        Map<String, DependencyGraph.Scope> scopes = g.components().stream()
                .collect(Collectors.toMap(DependencyGraph.Component::purl, DependencyGraph.Component::scope, (x, y) -> x, TreeMap::new));
        assertEquals(new TreeMap<>(Map.of("pkg:npm/a@1.0.0", DependencyGraph.Scope.REQUIRED, "pkg:npm/b@2.0.0", DependencyGraph.Scope.REQUIRED,
                "pkg:npm/b@1.0.0", DependencyGraph.Scope.REQUIRED, "pkg:npm/c@1.0.0", DependencyGraph.Scope.REQUIRED,
                "pkg:npm/o@1.0.0", DependencyGraph.Scope.OPTIONAL, "pkg:npm/%40s/x@1.0.0", DependencyGraph.Scope.REQUIRED)), scopes,
                "d is dev: not shipped");
        DependencyGraph.Component x = g.components().stream().filter(c -> c.name().equals("x")).findFirst().orElseThrow();
        assertEquals("@s", x.group());
        assertEquals(List.of("pkg:npm/%40s/x@1.0.0", "pkg:npm/a@1.0.0", "pkg:npm/b@1.0.0", "pkg:npm/o@1.0.0"),
                g.edges().get("pkg:npm/app@1.2.0").stream().sorted().toList());
        assertEquals(List.of("pkg:npm/b@2.0.0", "pkg:npm/c@1.0.0"), g.edges().get("pkg:npm/a@1.0.0").stream().sorted().toList(),
                "a loads its own nested b@2, not the top-level b@1");
        assertEquals(List.of("pkg:npm/a@1.0.0"), g.edges().get("pkg:npm/c@1.0.0"), "c finds a up the tree");
        assertEquals(List.of(), g.edges().get("pkg:npm/o@1.0.0"), "a leaf has no edges, and says so");
        assertEquals(List.of("package-lock.json: node_modules/@s/x depends on missing, which the lock does not install (outside the dev tree)"),
                g.problems(), "a missing non-optional dependency is named; a missing peer is not a problem");
    }

    @Test
    void inTheSbomTheDevPackageIsBuildTimeAndTheCycleIsNamed(@TempDir Path dir) throws Exception {
        project(dir);
        var doc = CycloneDxSbom.create(List.of(), NpmDependencyGraph.read(dir), NpmLockfile.read(dir.resolve("package-lock.json")),
                List.of(), SbomContext.at(0));
        JsonNode bom = CycloneDxSbomTest.json(doc);
        assertEquals(6, bom.path("components").size());
        JsonNode d = CycloneDxSbomTest.byRef(bom.path("formulation").get(0).path("components"), "pkg:npm/d@1.0.0");
        assertEquals("excluded", d.path("scope").asText());
        assertEquals("(MIT OR Apache-2.0)",
                CycloneDxSbomTest.byRef(bom.path("components"), "pkg:npm/b@1.0.0").path("licenses").get(0).path("expression").asText());
        assertEquals("library", bom.path("metadata").path("component").path("type").asText());
        assertEquals("Ada Lovelace", bom.path("metadata").path("component").path("supplier").path("name").asText());
        assertTrue(CycloneDxSbomTest.properties(bom.path("metadata"), "hermetic:dependency.cycle")
                .contains("pkg:npm/a@1.0.0 -> pkg:npm/c@1.0.0 -> pkg:npm/a@1.0.0"), bom.path("metadata").toString());
        assertEquals(NpmDependencyGraph.RESOLVED_BY, CycloneDxSbomTest.property(bom.path("metadata"), "hermetic:runtime.resolvedBy"));
    }
}
