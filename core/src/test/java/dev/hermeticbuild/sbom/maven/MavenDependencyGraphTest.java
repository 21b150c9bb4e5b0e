package dev.hermeticbuild.sbom.maven;

import static dev.hermeticbuild.sbom.maven.PomRepository.deps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.sbom.DependencyGraph;
import dev.hermeticbuild.sbom.DependencyGraph.Component;
import dev.hermeticbuild.sbom.DependencyGraph.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maven's mediation, resolved for real by Maven Resolver over a multi-level repository of real
 * POMs: nearest wins, dependencyManagement from a parent, a BOM import, exclusions, optional,
 * scopes, inherited licenses; and the bad inputs of issue 14, each named.
 */
class MavenDependencyGraphTest {

    @TempDir
    Path tmp;
    PomRepository repo;
    Path project;

    @BeforeEach
    void layout() throws Exception {
        repo = new PomRepository(Files.createDirectories(tmp.resolve("repository")));
        project = Files.createDirectories(tmp.resolve("project"));
    }

    private Path projectPom(String body) {
        Path pom = project.resolve("pom.xml");
        PomRepository.write(pom, PomRepository.pom("org.app", "app", "1.0", body));
        return pom;
    }

    private DependencyGraph resolve(Path pom) {
        return MavenDependencyGraph.resolveFromRepository(pom, project, repo.root, MavenGraphLimits.DEFAULT);
    }

    static Map<String, Component> byPurl(DependencyGraph g) {
        return g.components().stream().collect(Collectors.toMap(Component::purl, c -> c));
    }

    @Test
    void mediatesAsMavenDoes() {
        repo.artifact("org.t:parent:1", "<packaging>pom</packaging><dependencyManagement>" + deps("org.t:lib-c:2.0")
                        + "</dependencyManagement>")
                .artifact("org.t:bom:1", "<packaging>pom</packaging><dependencyManagement>" + deps("org.t:lib-e:1.5")
                        + "</dependencyManagement>")
                .artifact("org.t:libparent:1", "<packaging>pom</packaging><organization><name>Test Org</name></organization>"
                        + "<licenses><license><name>MIT</name></license></licenses>")
                .artifact("org.t:lib-a:1", "<parent><groupId>org.t</groupId><artifactId>libparent</artifactId><version>1</version>"
                        + "</parent>" + deps("org.t:lib-c:1.0", "org.t:lib-x:1", "org.t:lib-r:1:test", "org.t:lib-rt:1:runtime"))
                .artifact("org.t:lib-b:1", deps("org.t:lib-n:2", "org.t:lib-q:1::true"))
                .artifact("org.t:lib-c:1.0", deps("org.t:lib-n:1"))
                .artifact("org.t:lib-c:2.0", deps("org.t:lib-n:1"))
                .artifact("org.t:lib-d:1", deps("org.t:lib-o:1"))
                .artifact("org.t:lib-e:1.0", "")
                .artifact("org.t:lib-e:1.5", "")
                .artifact("org.t:lib-n:1", "").artifact("org.t:lib-n:2", "")
                .artifact("org.t:lib-o:1", "").artifact("org.t:lib-q:1", "").artifact("org.t:lib-r:1", "")
                .artifact("org.t:lib-rt:1", "").artifact("org.t:lib-x:1", "")
                .artifact("org.t:lib-t:1", deps("org.t:lib-tt:1")).artifact("org.t:lib-tt:1", "")
                .artifact("org.t:lib-p:1", "");
        Path pom = projectPom("<parent><groupId>org.t</groupId><artifactId>parent</artifactId><version>1</version></parent>"
                + "<dependencyManagement><dependencies><dependency><groupId>org.t</groupId><artifactId>bom</artifactId>"
                + "<version>1</version><type>pom</type><scope>import</scope></dependency></dependencies></dependencyManagement>"
                + "<dependencies>"
                + "<dependency><groupId>org.t</groupId><artifactId>lib-a</artifactId><version>1</version><exclusions><exclusion>"
                + "<groupId>org.t</groupId><artifactId>lib-x</artifactId></exclusion></exclusions></dependency>"
                + "<dependency><groupId>org.t</groupId><artifactId>lib-b</artifactId><version>1</version></dependency>"
                + "<dependency><groupId>org.t</groupId><artifactId>lib-d</artifactId><version>1</version><optional>true</optional></dependency>"
                + "<dependency><groupId>org.t</groupId><artifactId>lib-e</artifactId></dependency>"
                + "<dependency><groupId>org.t</groupId><artifactId>lib-t</artifactId><version>1</version><scope>test</scope></dependency>"
                + "<dependency><groupId>org.t</groupId><artifactId>lib-p</artifactId><version>1</version><scope>provided</scope></dependency>"
                + "</dependencies>");

        DependencyGraph g = resolve(pom);

        assertEquals(List.of(), g.problems());
        assertEquals("pkg:maven/org.app/app@1.0", g.root().purl());
        Map<String, Component> c = byPurl(g);
        assertEquals(List.of("pkg:maven/org.t/lib-a@1", "pkg:maven/org.t/lib-b@1", "pkg:maven/org.t/lib-c@2.0",
                "pkg:maven/org.t/lib-d@1", "pkg:maven/org.t/lib-e@1.5", "pkg:maven/org.t/lib-n@2", "pkg:maven/org.t/lib-o@1",
                "pkg:maven/org.t/lib-rt@1"), g.components().stream().map(Component::purl).toList(),
                "nearest wins (lib-n 2), parent dependencyManagement (lib-c 2.0), BOM import (lib-e 1.5), lib-x excluded,"
                        + " lib-q (transitive optional), lib-r/lib-t/lib-tt (test) and lib-p (provided) left out");
        assertEquals(Scope.OPTIONAL, c.get("pkg:maven/org.t/lib-d@1").scope());
        assertEquals(Scope.OPTIONAL, c.get("pkg:maven/org.t/lib-o@1").scope(), "only there through an optional dependency");
        assertEquals(Scope.REQUIRED, c.get("pkg:maven/org.t/lib-rt@1").scope());
        assertEquals(List.of("MIT"), c.get("pkg:maven/org.t/lib-a@1").licenses(), "inherited from its parent POM");
        assertEquals(Optional.of("Test Org"), c.get("pkg:maven/org.t/lib-a@1").supplier());
        assertEquals(Optional.of(repo.path("org.t:lib-a:1", "jar")), c.get("pkg:maven/org.t/lib-a@1").file());
        assertEquals(Map.of(
                "pkg:maven/org.app/app@1.0", List.of("pkg:maven/org.t/lib-a@1", "pkg:maven/org.t/lib-b@1",
                        "pkg:maven/org.t/lib-d@1", "pkg:maven/org.t/lib-e@1.5"),
                "pkg:maven/org.t/lib-a@1", List.of("pkg:maven/org.t/lib-c@2.0", "pkg:maven/org.t/lib-rt@1"),
                "pkg:maven/org.t/lib-b@1", List.of("pkg:maven/org.t/lib-n@2"),
                "pkg:maven/org.t/lib-c@2.0", List.of("pkg:maven/org.t/lib-n@2"),
                "pkg:maven/org.t/lib-d@1", List.of("pkg:maven/org.t/lib-o@1"),
                "pkg:maven/org.t/lib-e@1.5", List.of(), "pkg:maven/org.t/lib-n@2", List.of(), "pkg:maven/org.t/lib-o@1", List.of(),
                "pkg:maven/org.t/lib-rt@1", List.of()), g.edges(),
                "lib-c's own lib-n 1 is mediated to 2: the edge points at what runs");
        assertEquals(MavenDependencyGraph.RESOLVED_BY, g.resolvedBy());
    }

    @Test
    void purlsAreCanonicalWithTypeAndClassifier() {
        repo.artifact("org.t:war-lib:1", "<packaging>war</packaging>").raw("org.t:war-lib:1", "war", "war")
                .artifact("org.t:natives:1", "");
        PomRepository.write(repo.root.resolve("org/t/natives/1/natives-1-linux.jar"), "jar");
        Path pom = projectPom("<packaging>pom</packaging><dependencies>"
                + "<dependency><groupId>org.t</groupId><artifactId>war-lib</artifactId><version>1</version><type>war</type></dependency>"
                + "<dependency><groupId>org.t</groupId><artifactId>natives</artifactId><version>1</version><classifier>linux</classifier></dependency>"
                + "</dependencies>");

        DependencyGraph g = resolve(pom);

        assertEquals("pkg:maven/org.app/app@1.0?type=pom", g.root().purl());
        assertEquals(List.of("pkg:maven/org.t/natives@1?classifier=linux", "pkg:maven/org.t/war-lib@1?type=war"),
                g.components().stream().map(Component::purl).toList());
        assertEquals(List.of(), g.problems());
    }

    @Test
    void aMissingPomIsNamedAndItsArtifactKept() {
        Path pom = projectPom(deps("org.t:gone:1"));

        DependencyGraph g = resolve(pom);

        assertEquals(List.of("pkg:maven/org.t/gone@1"), g.components().stream().map(Component::purl).toList());
        assertTrue(g.problems().stream().anyMatch(p -> p.contains("the POM of org.t:gone:jar:1 is not in the locked cache")),
                g.problems().toString());
        assertTrue(g.problems().stream().anyMatch(p -> p.contains("org.t:gone:jar:1 is a run-time dependency but the lock pins no jar")),
                g.problems().toString());
    }

    @Test
    void aPomThatDoesNotParseIsNamed() {
        repo.raw("org.t:broken:1", "pom", "<project><modelVersion>4.0.0</modelVersion><groupId>org.t<");
        repo.raw("org.t:broken:1", "jar", "jar");
        Path pom = projectPom(deps("org.t:broken:1"));

        DependencyGraph g = resolve(pom);

        assertEquals(List.of("pkg:maven/org.t/broken@1"), g.components().stream().map(Component::purl).toList());
        assertTrue(g.problems().stream().anyMatch(p -> p.startsWith("the POM of org.t:broken:jar:1 is invalid")), g.problems().toString());
    }

    @Test
    void aProjectPomThatDoesNotParseIsATypedError() throws Exception {
        Path pom = project.resolve("pom.xml");
        Files.writeString(pom, "<project><dependencies>");

        MavenGraphException e = assertThrows(MavenGraphException.class, () -> resolve(pom));

        assertTrue(e.getMessage().contains(pom.toRealPath() + " is not a valid POM"), e.getMessage());
    }

    @Test
    void aCycleIsNamedAndResolved() {
        repo.artifact("org.t:ping:1", deps("org.t:pong:1")).artifact("org.t:pong:1", deps("org.t:ping:1"));
        Path pom = projectPom(deps("org.t:ping:1"));

        DependencyGraph g = resolve(pom);

        assertEquals(List.of("pkg:maven/org.t/ping@1", "pkg:maven/org.t/pong@1"),
                g.components().stream().map(Component::purl).toList());
        assertEquals(List.of("pkg:maven/org.t/pong@1"), g.edges().get("pkg:maven/org.t/ping@1"));
        assertEquals(List.of(), g.edges().get("pkg:maven/org.t/pong@1"), "cut where it closes, as mvn dependency:tree shows it");
        assertTrue(g.problems().stream().anyMatch(p -> p.startsWith("dependency cycle: ") && p.contains("org.t:ping:1")
                && p.contains("org.t:pong:1")), g.problems().toString());
    }
}
