package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.digest.Sha256;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hermetic sbom} on a Maven project: what keeps the run-time graph from being complete
 * is on stderr as well as in the SBOM, never only a short count.
 */
class SbomCommandTest {

    static final String LIB_POM = "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
            + "<groupId>org.t</groupId><artifactId>lib-a</artifactId><version>1</version></project>";

    @TempDir
    Path tmp;

    /** {@code tmp/app}, depending on lib-a, whose jar and POM the lock beside it names; {@code tmp/cache} holds only the jar. */
    private Path appWithLibA() throws Exception {
        Path app = Files.createDirectory(tmp.resolve("app"));
        Path cache = Files.createDirectory(tmp.resolve("cache"));
        Files.writeString(app.resolve("pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + "<groupId>org.app</groupId><artifactId>app</artifactId><version>1.0</version><dependencies><dependency>"
                + "<groupId>org.t</groupId><artifactId>lib-a</artifactId><version>1</version></dependency></dependencies></project>");
        byte[] jar = "jar of lib-a".getBytes(StandardCharsets.UTF_8);
        new ContentCache(cache).put("org.t:lib-a:jar:1", "sha256", Sha256.ofBytes(jar), new ByteArrayInputStream(jar));
        Files.writeString(tmp.resolve("app.hermetic.lock"), "org.t:lib-a:jar:1 sha256=" + Sha256.ofBytes(jar) + "\n"
                + "org.t:lib-a:pom:1 sha256=" + Sha256.ofBytes(LIB_POM.getBytes(StandardCharsets.UTF_8)) + "\n");
        return app;
    }

    @Test
    void aLockedPomTheCacheLacksIsNamedOnStderrAndInTheSbom() throws Exception {
        Path app = appWithLibA();
        Path cache = tmp.resolve("cache");
        Path out = tmp.resolve("sbom.json");
        var run = BuildCommandTest.hermetic("sbom", "-C", app.toString(), "--cache", cache.toString(), "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        String named = "the lock names org.t:lib-a:pom:1 but the cache " + cache.toRealPath() + " lacks it (run hermetic prefetch)";
        assertTrue(run.err().contains("hermetic: sbom: " + named), run.err());
        assertTrue(Files.readString(out).contains(named), "the SBOM says it too");
        assertTrue(run.out().contains("1 runtime / "), "lib-a is still a run-time component: " + run.out());
    }

    @Test
    void withoutACacheStderrSaysTheMavenGraphIsNotResolved() throws Exception {
        Path app = appWithLibA();
        var run = BuildCommandTest.hermetic("sbom", "-C", app.toString(), "--out", tmp.resolve("sbom.json").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("hermetic: sbom: the Maven run-time graph is not resolved: no dependency cache was given"),
                run.err());
        assertTrue(run.out().contains("0 runtime / 2 build-time"), run.out());
    }
}
