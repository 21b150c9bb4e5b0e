package dev.hermeticbuild.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.lock.ProjectLock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's bad inputs, end to end from a project, its lock and a real cache to the SBOM bytes
 * (RuntimeGraphs, Maven Resolver, CycloneDxSbom): a lock naming a POM the cache lacks, a
 * dependency cycle, a license no SPDX id matches, no cache, a project POM that does not parse.
 * Each is named in the SBOM and its completeness; none is dropped silently or crashes.
 */
class MavenSbomBadInputTest {

    @TempDir
    Path project;
    @TempDir
    Path cacheDir;
    ContentCache cache;
    final List<String> lock = new ArrayList<>();

    @BeforeEach
    void openCache() {
        cache = new ContentCache(cacheDir);
    }

    /** Puts {@code g:a:v}'s POM (with {@code body}) and its jar in the cache and the lock; {@code cachePom} false leaves the POM out of the cache only. */
    private void artifact(String gav, String body, boolean cachePom) {
        String[] p = gav.split(":");
        String pom = "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion><groupId>" + p[0]
                + "</groupId><artifactId>" + p[1] + "</artifactId><version>" + p[2] + "</version>" + body + "</project>";
        entry(p[0] + ":" + p[1] + ":pom:" + p[2], pom.getBytes(StandardCharsets.UTF_8), cachePom);
        entry(p[0] + ":" + p[1] + ":jar:" + p[2], ("jar of " + gav).getBytes(StandardCharsets.UTF_8), true);
    }

    private void entry(String locked, byte[] bytes, boolean cached) {
        String sha = Sha256.ofBytes(bytes);
        if (cached) {
            cache.put(locked, "sha256", sha, new ByteArrayInputStream(bytes));
        }
        lock.add(locked + " sha256=" + sha);
    }

    private static String deps(String... gas) {
        StringBuilder b = new StringBuilder("<dependencies>");
        for (String ga : gas) {
            String[] p = ga.split(":");
            b.append("<dependency><groupId>").append(p[0]).append("</groupId><artifactId>").append(p[1])
                    .append("</artifactId><version>").append(p[2]).append("</version></dependency>");
        }
        return b.append("</dependencies>").toString();
    }

    private static String license(String name) {
        return "<licenses><license><name>" + name + "</name></license></licenses>";
    }

    private CycloneDxSbom.Document sbom(String projectBody, Optional<ContentCache> withCache) throws Exception {
        Files.writeString(project.resolve("pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + "<groupId>org.app</groupId><artifactId>app</artifactId><version>1.0</version>" + projectBody + "</project>");
        Files.write(project.resolve("hermetic.lock"), lock);
        ProjectLock projectLock = ProjectLock.read(project);
        DependencyGraph graph = RuntimeGraphs.of(project, projectLock, withCache, "dir");
        return CycloneDxSbom.create(List.of(), graph, projectLock.dependencies(), List.of(), new SbomContext(0, Optional.empty(),
                Optional.empty(), Optional.empty(), withCache, Optional.empty()));
    }

    private static List<String> properties(JsonNode bom, String name) {
        return CycloneDxSbomTest.properties(bom.path("metadata"), name);
    }

    private static List<String> purls(JsonNode bom) {
        return StreamSupport.stream(bom.path("components").spliterator(), false).map(c -> c.path("purl").asText()).sorted().toList();
    }

    @Test
    void aLockNamingAPomTheCacheLacksIsNamedAndItsArtifactStaysARuntimeComponent() throws Exception {
        artifact("org.t:lib-a:1", deps("org.t:lib-b:1"), true);
        artifact("org.t:lib-b:1", deps("org.t:lib-c:1"), false);
        artifact("org.t:lib-c:1", "", true);
        var doc = sbom(deps("org.t:lib-a:1"), Optional.of(cache));
        JsonNode bom = CycloneDxSbomTest.json(doc);

        assertEquals(List.of("pkg:maven/org.t/lib-a@1", "pkg:maven/org.t/lib-b@1"), purls(bom),
                "lib-b is kept (as mvn keeps it); what its missing POM would have pulled in (lib-c) cannot be known");
        List<String> problems = properties(bom, "hermetic:problem");
        assertTrue(problems.stream().anyMatch(p -> p.contains("the lock names org.t:lib-b:pom") && p.contains("lacks it")
                && p.contains("hermetic prefetch")), problems.toString());
        assertEquals(problems, doc.completeness().problems(), "the SBOM and the completeness the CLI prints say the same");
        assertTrue(doc.completeness().summary().contains("problem(s), first: "), doc.completeness().summary());
    }

    @Test
    void aDependencyCycleIsNamedAndTheGraphStillComplete() throws Exception {
        artifact("org.t:lib-a:1", deps("org.t:lib-b:1"), true);
        artifact("org.t:lib-b:1", deps("org.t:lib-a:1"), true);
        var doc = sbom(deps("org.t:lib-a:1"), Optional.of(cache));
        JsonNode bom = CycloneDxSbomTest.json(doc);

        assertEquals(List.of("pkg:maven/org.t/lib-a@1", "pkg:maven/org.t/lib-b@1"), purls(bom));
        List<String> problems = properties(bom, "hermetic:problem");
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("dependency cycle: ") && p.contains("org.t:lib-a:1")
                && p.contains("org.t:lib-b:1")), problems.toString());
        JsonNode a = CycloneDxSbomTest.byRef(bom.path("dependencies"), "pkg:maven/org.t/lib-a@1");
        assertEquals("pkg:maven/org.t/lib-b@1", a.path("dependsOn").get(0).asText());
    }

    @Test
    void aLicenseThatMapsToNoSpdxIdStaysANameAndIsCounted() throws Exception {
        artifact("org.t:lib-a:1", license("Acme Internal Licence 7"), true);
        artifact("org.t:lib-b:1", license("The Apache Software License, Version 2.0"), true);
        artifact("org.t:lib-c:1", license("Acme Internal Licence 7"), true);
        var doc = sbom(deps("org.t:lib-a:1", "org.t:lib-b:1", "org.t:lib-c:1"), Optional.of(cache));
        JsonNode bom = CycloneDxSbomTest.json(doc);

        JsonNode a = StreamSupport.stream(bom.path("components").spliterator(), false)
                .filter(c -> c.path("name").asText().equals("lib-a")).findFirst().orElseThrow();
        assertEquals("Acme Internal Licence 7", a.path("licenses").get(0).path("license").path("name").asText());
        assertEquals(Map.of("Acme Internal Licence 7", 2), doc.completeness().unresolvedLicenses());
        assertEquals(3, doc.completeness().withLicenses());
        assertEquals(1, doc.completeness().withSpdxLicenses(), "only lib-b's license is an SPDX id");
        assertEquals(List.of("Acme Internal Licence 7 (2 components)"), properties(bom, "hermetic:license.unresolved"));
        assertTrue(doc.completeness().summary().contains("'Acme Internal Licence 7' (2)"), doc.completeness().summary());
    }

    @Test
    void withoutACacheTheSbomSaysTheGraphIsNotResolvedAndClaimsNothingAsShipped() throws Exception {
        artifact("org.t:lib-a:1", "", true);
        var doc = sbom(deps("org.t:lib-a:1"), Optional.empty());
        JsonNode bom = CycloneDxSbomTest.json(doc);

        assertEquals(List.of(), purls(bom));
        assertEquals(2, bom.path("formulation").get(0).path("components").size(), "every locked file is still listed, as build-time");
        assertTrue(properties(bom, "hermetic:problem").stream().anyMatch(p -> p.contains("not resolved") && p.contains("--cache")),
                properties(bom, "hermetic:problem").toString());
        assertTrue(properties(bom, "hermetic:runtime.resolvedBy").get(0).startsWith("none: "));
    }

    @Test
    void aProjectPomThatDoesNotParseIsNamedNotACrash() throws Exception {
        artifact("org.t:lib-a:1", "", true);
        var doc = sbom("<dependencies><dependency>", Optional.of(cache));
        JsonNode bom = CycloneDxSbomTest.json(doc);

        assertEquals(List.of(), purls(bom));
        assertEquals("pkg:generic/dir", bom.path("metadata").path("component").path("purl").asText());
        List<String> problems = properties(bom, "hermetic:problem");
        assertTrue(problems.stream().anyMatch(p -> p.contains("the Maven run-time graph is not resolved") && p.contains("pom.xml")),
                problems.toString());
    }
}
