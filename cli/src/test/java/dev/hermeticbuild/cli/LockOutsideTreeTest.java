package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.testing.FileServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
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

    static final String JAR_PATH = "/m2/org/example/lib/1.0/lib-1.0.jar";

    @TempDir
    Path tmp;
    Path app;
    Path cache;
    FileServer repository;

    @BeforeEach
    void project() throws Exception {
        app = Files.createDirectory(tmp.resolve("app"));
        cache = tmp.resolve("cache");
        Files.writeString(app.resolve("pom.xml"), "<project/>\n");
        repository = FileServer.start().put(JAR_PATH + ".sha1", sha1(JAR) + "  lib-1.0.jar\n");
    }

    @AfterEach
    void stop() {
        repository.close();
    }

    private static String sha1(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private BuildCommandTest.Run lock(String lockingBuild) {
        return BuildCommandTest.hermetic("lock", "-C", app.toString(), "--cache", cache.toString(), "--maven-repo", repository.url() + "/m2",
                "--", "sh", "-c", lockingBuild);
    }

    @Test
    void lockWritesBesideTheSourceAndFillsTheCacheSoPrefetchFetchesNothing() throws Exception {
        var lock = lock(LOCKING_BUILD);
        assertEquals(0, lock.exit(), lock.out() + lock.err());
        Path beside = tmp.resolve("app.hermetic.lock");
        assertFalse(Files.exists(app.resolve("hermetic.lock")), "nothing is written into the source tree");
        String sha = Sha256.ofBytes(JAR.getBytes(StandardCharsets.UTF_8));
        assertTrue(Files.readString(beside).contains("org.example:lib:jar:1.0 sha256=" + sha), Files.readString(beside));
        assertTrue(lock.out().contains("locked 1 artifact in " + beside.toRealPath() + "; 1 stored in the cache"), lock.out());
        assertTrue(lock.out().contains("checked against the sha1 " + repository.url() + "/m2 publishes"), lock.out());
        assertEquals(java.util.List.of(JAR_PATH + ".sha1"), repository.requested());
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
    void aLockingBuildThatAltersWhatItDownloadedIsRefusedAndNothingIsStoredOrWritten() throws Exception {
        var lock = lock(LOCKING_BUILD.replace(JAR, "the observed jar, backdoored by the locking build"));
        assertEquals(1, lock.exit(), lock.out() + lock.err());
        assertTrue(lock.err().contains("org.example:lib:jar:1.0: the locking build's file has sha1:") && lock.err().contains(
                repository.url() + JAR_PATH + ".sha1 publishes sha1:" + sha1(JAR)), lock.err());
        assertFalse(Files.exists(tmp.resolve("app.hermetic.lock")), "no lock was written");
        assertFalse(Files.exists(cache.resolve("sha256")), "nothing was stored");
    }

    @Test
    void aRepositoryCredentialNeverAppearsInWhatLockPrints() throws Exception {
        String withCredential = repository.url().replace("http://", "http://ci-user:s3cret-token@") + "/m2";
        var refused = BuildCommandTest.hermetic("lock", "-C", app.toString(), "--cache", cache.toString(), "--maven-repo", withCredential,
                "--", "sh", "-c", LOCKING_BUILD.replace(JAR, "altered"));
        assertEquals(1, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains(repository.url() + JAR_PATH + ".sha1 publishes"), refused.err());
        assertFalse((refused.out() + refused.err()).contains("s3cret-token"), refused.out() + refused.err());

        var locked = BuildCommandTest.hermetic("lock", "-C", app.toString(), "--cache", cache.toString(), "--maven-repo", withCredential,
                "--", "sh", "-c", LOCKING_BUILD);
        assertEquals(0, locked.exit(), locked.out() + locked.err());
        assertFalse((locked.out() + locked.err()).contains("s3cret-token"), locked.out() + locked.err());
    }

    @Test
    void aFileNoRegistryVouchesForIsLockedButNotStored() throws Exception {
        repository.close();
        repository = FileServer.start();
        var lock = lock(LOCKING_BUILD);
        assertEquals(0, lock.exit(), lock.out() + lock.err());
        assertTrue(lock.out().contains("locked 1 artifact in") && lock.out().contains("; 0 stored in the cache"), lock.out());
        assertTrue(lock.err().contains("1 file not stored in the cache: no registry publishes a checksum for them, so prefetch"
                + " fetches and checks them instead: org.example:lib:jar:1.0"), lock.err());
        assertTrue(Files.readString(tmp.resolve("app.hermetic.lock")).contains("org.example:lib:jar:1.0 sha256="));
    }

    @Test
    void aBuildReadsTheLockOnceRecordsItByDigestAndCannotChangeIt() throws Exception {
        Path lockFile = tmp.resolve("app.hermetic.lock");
        var lock = lock(LOCKING_BUILD);
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
