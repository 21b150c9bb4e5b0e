package dev.hermeticbuild.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.lock.ProjectLock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenLicensesTest {

    static final String PARENT = "<project><groupId>org.example</groupId><artifactId>parent</artifactId><version>3</version>"
            + "<licenses><license><name>Apache-2.0</name></license></licenses></project>";
    static final String CHILD = "<project><parent><groupId>org.example</groupId><artifactId>parent</artifactId><version>3</version></parent>"
            + "<artifactId>lib</artifactId><version>1.0</version></project>";
    static final String HOSTILE = "<!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><project><licenses><license><name>&x;</name></license></licenses></project>";

    @Test
    void licensesComeFromTheLockedPomOrItsLockedParentAndEntitiesAreNeverExpanded(@TempDir Path project, @TempDir Path cacheDir) throws Exception {
        ContentCache cache = new ContentCache(cacheDir);
        StringBuilder lock = new StringBuilder();
        for (String[] e : new String[][] {{"org.example:parent:pom:3", PARENT}, {"org.example:lib:pom:1.0", CHILD},
                {"org.example:lib:jar:1.0", "jar"}, {"org.example:evil:pom:1", HOSTILE}, {"org.example:evil:jar:1", "jar2"}}) {
            byte[] bytes = e[1].getBytes(StandardCharsets.UTF_8);
            cache.put(e[0], "sha256", Sha256.ofBytes(bytes), new ByteArrayInputStream(bytes));
            lock.append(e[0]).append(" sha256=").append(Sha256.ofBytes(bytes)).append('\n');
        }
        Files.writeString(project.resolve("hermetic.lock"), lock.toString());
        var enriched = MavenLicenses.enrich(ProjectLock.read(project).dependencies(), cache);
        assertEquals(List.of("Apache-2.0"), enriched.get(0).licenses());
        assertEquals(List.of("Apache-2.0"), enriched.get(1).licenses(), "inherited from the locked parent");
        assertEquals(List.of("Apache-2.0"), enriched.get(2).licenses(), "the jar takes its POM's license");
        assertEquals(List.of(), enriched.get(3).licenses(), "a POM with a DOCTYPE is not read at all");
    }

    @Test
    void aLookupInTheBackgroundGivesWhatEnrichGivesAndStillReadsOnlyVerifiedPoms(@TempDir Path project, @TempDir Path cacheDir)
            throws Exception {
        ContentCache cache = new ContentCache(cacheDir);
        StringBuilder lock = new StringBuilder();
        for (String[] e : new String[][] {{"org.example:parent:pom:3", PARENT}, {"org.example:lib:pom:1.0", CHILD},
                {"org.example:lib:jar:1.0", "jar"}}) {
            byte[] bytes = e[1].getBytes(StandardCharsets.UTF_8);
            cache.put(e[0], "sha256", Sha256.ofBytes(bytes), new ByteArrayInputStream(bytes));
            lock.append(e[0]).append(" sha256=").append(Sha256.ofBytes(bytes)).append('\n');
        }
        Files.writeString(project.resolve("hermetic.lock"), lock.toString());
        var deps = ProjectLock.read(project).dependencies();
        var inBackground = MavenLicenses.lookUpInBackground(deps, cache);
        assertEquals(MavenLicenses.enrich(deps, cache), inBackground.result());
        assertEquals(List.of("Apache-2.0"), inBackground.result().get(2).licenses());

        String parentSha = Sha256.ofBytes(PARENT.getBytes(StandardCharsets.UTF_8));
        Files.writeString(cache.entry("sha256", parentSha), PARENT.replace("Apache-2.0", "MIT"));
        var poisoned = MavenLicenses.lookUpInBackground(deps, cache).result();
        assertEquals(List.of(), poisoned.get(0).licenses(), "a cache entry that no longer matches the lock is not read");
        assertEquals(List.of(), poisoned.get(2).licenses());
    }

    /** Like plexus-1.0.4.pom: an XHTML entity (a developer's name) that XML parsers reject; Maven reads it. */
    static final String ENTITY = "<project><modelVersion>4.0.0</modelVersion><groupId>org.example</groupId><artifactId>entity</artifactId>"
            + "<version>1</version><developers><developer><name>Trygve Laugst&oslash;l</name></developer></developers>"
            + "<licenses><license><name>Some licence</name><url>http://www.apache.org/licenses/LICENSE-2.0</url></license></licenses></project>";

    @Test
    void aPomWithAnHtmlEntityIsReadAsMavenReadsItAndNothingIsPrinted(@TempDir Path project, @TempDir Path cacheDir) throws Exception {
        ContentCache cache = new ContentCache(cacheDir);
        byte[] bytes = ENTITY.getBytes(StandardCharsets.UTF_8);
        cache.put("org.example:entity:pom:1", "sha256", Sha256.ofBytes(bytes), new ByteArrayInputStream(bytes));
        Files.writeString(project.resolve("hermetic.lock"), "org.example:entity:pom:1 sha256=" + Sha256.ofBytes(bytes) + "\n");
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<dev.hermeticbuild.lock.LockedDependency> enriched;
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            enriched = MavenLicenses.enrich(ProjectLock.read(project).dependencies(), cache);
        } finally {
            System.setErr(err);
        }
        assertEquals("", printed.toString(StandardCharsets.UTF_8), "no [Fatal Error] noise on stderr");
        assertEquals(List.of("http://www.apache.org/licenses/LICENSE-2.0"), enriched.get(0).licenses(),
                "the license is found past the entity; its URL is given because only the URL maps to an SPDX id");
    }

    @Test
    void theProjectRootComesFromItsPomWithParentCoordinatesOrganizationAndTheLockedParentsLicense(@TempDir Path project,
                                                                                                   @TempDir Path cacheDir) throws Exception {
        ContentCache cache = new ContentCache(cacheDir);
        byte[] parent = PARENT.getBytes(StandardCharsets.UTF_8);
        cache.put("org.example:parent:pom:3", "sha256", Sha256.ofBytes(parent), new ByteArrayInputStream(parent));
        Files.writeString(project.resolve("hermetic.lock"), "org.example:parent:pom:3 sha256=" + Sha256.ofBytes(parent) + "\n");
        Files.writeString(project.resolve("pom.xml"), "<project><parent><groupId>org.example</groupId><artifactId>parent</artifactId>"
                + "<version>3</version></parent><artifactId>web-${flavour}</artifactId><packaging>war</packaging>"
                + "<properties><flavour>plain</flavour></properties><organization><name>Example &amp; Co</name></organization></project>");
        var lock = ProjectLock.read(project);
        DependencyGraph g = RuntimeGraphs.of(project, lock, java.util.Optional.of(cache), "dir-name");
        assertEquals("pkg:maven/org.example/web-plain@3?type=war", g.root().purl());
        assertEquals(java.util.Optional.of("Example & Co"), g.root().supplier());
        assertEquals(List.of("Apache-2.0"), g.root().licenses(), "from the locked parent POM");
        var doc = CycloneDxSbom.create(List.of(), g, lock.dependencies(), List.of(), SbomContext.at(0));
        var bom = CycloneDxSbomTest.json(doc);
        assertEquals("application", bom.path("metadata").path("component").path("type").asText(), "a war is an application");
        assertEquals(0, bom.path("components").size(), "the project declares no dependencies: nothing is shipped besides itself");
        assertEquals(1, bom.path("formulation").get(0).path("components").size());
    }

    @Test
    void goSumComponentsAreWhatTheLockfileSaysMarkedAsSuch(@TempDir Path project) throws Exception {
        Files.writeString(project.resolve("go.sum"), "golang.org/x/text v0.14.0 h1:" + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        DependencyGraph g = RuntimeGraphs.of(project, ProjectLock.read(project), java.util.Optional.empty(), "tool");
        assertEquals("pkg:generic/tool", g.root().purl());
        assertEquals(List.of("pkg:golang/golang.org/x/text@v0.14.0"), g.components().stream().map(DependencyGraph.Component::purl).toList());
        assertEquals(java.util.Map.of(), g.edges(), "go.sum has no edges: none are claimed");
        var bom = CycloneDxSbomTest.json(CycloneDxSbom.create(List.of(), g, ProjectLock.read(project).dependencies(), List.of(), SbomContext.at(0)));
        assertTrue(CycloneDxSbomTest.property(bom.path("metadata"), "hermetic:runtime.resolvedBy").contains("go.sum as written (golang): the packages it lists, not a resolved graph"));
        assertEquals("required", bom.path("components").get(0).path("scope").asText());
    }
}
