package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermeticbuild.artifacts.Sha256;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock beside the source, end to end: {@code lock} writes it outside the tree and fills the
 * cache as it observes, {@code prefetch} then has nothing to fetch, and a build reads it, records
 * it by digest and cannot change it.
 */
class LockOutsideTreeTest {

    static final String JAR = "the observed jar";
    /** A stand-in for Maven: it "downloads" one jar into the local repository MAVEN_OPTS names. */
    static final String LOCKING_BUILD = "r=${MAVEN_OPTS#-Dmaven.repo.local=}; mkdir -p $r/org/example/lib/1.0"
            + " && printf '" + JAR + "' > $r/org/example/lib/1.0/lib-1.0.jar && printf x > $r/org/example/lib/1.0/_remote.repositories";

    @TempDir
    Path tmp;
    Path app;
    Path cache;

    @BeforeEach
    void project() throws Exception {
        app = Files.createDirectory(tmp.resolve("app"));
        cache = tmp.resolve("cache");
        Files.writeString(app.resolve("pom.xml"), "<project/>\n");
    }

    @Test
    void lockWritesBesideTheSourceAndFillsTheCacheSoPrefetchFetchesNothing() throws Exception {
        var lock = BuildCommandTest.hermetic("lock", "-C", app.toString(), "--cache", cache.toString(), "--", "sh", "-c", LOCKING_BUILD);
        assertEquals(0, lock.exit(), lock.out() + lock.err());
        Path beside = tmp.resolve("app.hermetic.lock");
        assertFalse(Files.exists(app.resolve("hermetic.lock")), "nothing is written into the source tree");
        String sha = Sha256.ofBytes(JAR.getBytes(StandardCharsets.UTF_8));
        assertTrue(Files.readString(beside).contains("org.example:lib:jar:1.0 sha256=" + sha), Files.readString(beside));
        assertTrue(lock.out().contains("locked 1 artifact in " + beside.toRealPath() + "; 1 stored in the cache"), lock.out());
        assertEquals(JAR, Files.readString(cache.resolve("sha256").resolve(sha.substring(0, 2)).resolve(sha)));

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        var prefetch = BuildCommandTest.hermetic("prefetch", "-C", app.toString(), "--cache", cache.toString(),
                "--maven-repo", "http://127.0.0.1:" + closed + "/m2");
        assertEquals(0, prefetch.exit(), prefetch.out() + prefetch.err());
        assertTrue(prefetch.out().contains("0 fetched (0.0 MB), 1 already cached (verified)"), prefetch.out());

        var sbom = BuildCommandTest.hermetic("sbom", "-C", app.toString(), "--out", tmp.resolve("sbom.json").toString());
        assertEquals(0, sbom.exit(), sbom.err());
        assertTrue(Files.readString(tmp.resolve("sbom.json")).contains("pkg:maven/org.example/lib@1.0"));
    }

    @Test
    void aBuildReadsTheLockOnceRecordsItByDigestAndCannotChangeIt() throws Exception {
        Path lockFile = tmp.resolve("app.hermetic.lock");
        var lock = BuildCommandTest.hermetic("lock", "-C", app.toString(), "--cache", cache.toString(), "--", "sh", "-c", LOCKING_BUILD);
        assertEquals(0, lock.exit(), lock.err());
        byte[] before = Files.readAllBytes(lockFile);
        Path out = tmp.resolve("out");
        String attack = "echo 'org.evil:x:jar:6.6.6' > " + lockFile + " 2>/dev/null; echo planted > /workspace/../app.hermetic.lock 2>/dev/null;"
                + " mkdir -p dist && cat $HOME/.m2/repository/org/example/lib/1.0/lib-1.0.jar > dist/app.txt";
        var build = BuildCommandTest.hermetic("build", "-C", app.toString(), "--cache", cache.toString(), "--out", out.toString(),
                "--output", "dist/*.txt", "--", "sh", "-c", attack);
        assertEquals(0, build.exit(), build.out() + build.err());
        assertEquals(JAR, Files.readString(out.resolve("dist/app.txt")));
        assertEquals(-1L, java.util.Arrays.mismatch(before, Files.readAllBytes(lockFile)), "the build cannot write the lock");

        JsonNode deps = new ObjectMapper().readTree(out.resolve("provenance.json").toFile())
                .path("predicate").path("buildDefinition").path("resolvedDependencies");
        JsonNode recorded = null;
        boolean locked = false;
        for (JsonNode d : deps) {
            if (d.path("name").asText().equals("app.hermetic.lock")) {
                recorded = d;
            }
            locked |= d.path("uri").asText().equals("pkg:maven/org.example/lib@1.0?type=jar");
        }
        assertTrue(recorded != null, deps.toString());
        assertEquals(Sha256.ofBytes(before), recorded.path("digest").path("sha256").asText());
        assertEquals("lockfile", recorded.path("annotations").path("kind").asText());
        assertEquals("outside the source tree", recorded.path("annotations").path("location").asText());
        assertEquals("beside the source", recorded.path("annotations").path("origin").asText());
        assertEquals(lockFile.toRealPath().toString(), recorded.path("annotations").path("path").asText());
        assertTrue(locked, "the lock's entries are resolved dependencies");
    }

    @Test
    void aLockInsideTheWorkspaceIsRefusedBeforeTheBuildRuns() throws Exception {
        Path inside = Files.writeString(app.resolve("deps.lock"), "org.example:lib:jar:1.0 sha256=" + "a".repeat(64) + "\n");
        var build = BuildCommandTest.hermetic("build", "-C", app.toString(), "--lock", inside.toString(), "--out",
                tmp.resolve("out").toString(), "--output", "dist/*.txt", "--", "sh", "-c", "mkdir dist && echo x > dist/a.txt");
        assertEquals(2, build.exit(), build.out() + build.err());
        assertTrue(build.err().contains("--lock " + inside + " lies where the build can write"), build.err());
        assertFalse(Files.exists(app.resolve("dist")), "the build must not have run");
    }
}
