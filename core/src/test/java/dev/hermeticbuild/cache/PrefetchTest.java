package dev.hermeticbuild.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.lock.ProjectLock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prefetch and the cache against a real HTTP registry of the test's own, on 127.0.0.1. */
class PrefetchTest {

    static final byte[] JAR = "the real jar bytes".getBytes(StandardCharsets.UTF_8);
    static final String JAR_PATH = "/maven2/org/example/lib/1.0/lib-1.0.jar";

    @TempDir
    Path project;
    @TempDir
    Path cacheDir;

    HttpServer server;
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    volatile boolean truncate;

    @BeforeEach
    void startRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = files.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else if (truncate) {
                exchange.sendResponseHeaders(200, body.length * 10L);
                exchange.getResponseBody().write(body, 0, body.length / 2);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        files.put(JAR_PATH, JAR);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void fetchesOnlyWhatIsLockedVerifiesAndThenHits() throws IOException {
        lock(Sha256.ofBytes(JAR));
        Prefetcher.Report first = prefetcher(registry()).prefetch(ProjectLock.read(project));
        assertTrue(first.ok(), first.failures().toString());
        assertEquals(1, first.fetched());
        Path entry = new ContentCache(cacheDir).entry("sha256", Sha256.ofBytes(JAR));
        assertEquals("the real jar bytes", Files.readString(entry));
        assertFalse(Files.isWritable(entry) && !"root".equals(System.getProperty("user.name")), "entries are read-only");

        int before = requests.get();
        Prefetcher.Report second = prefetcher(registry()).prefetch(ProjectLock.read(project));
        assertEquals(0, second.fetched());
        assertEquals(1, second.hits());
        assertEquals(before, requests.get(), "a cached entry must not be fetched again");
    }

    @Test
    void bytesThatDoNotMatchTheLockAreNotKept() throws IOException {
        String locked = Sha256.ofBytes("what the lock expects".getBytes(StandardCharsets.UTF_8));
        lock(locked);
        Prefetcher.Report report = prefetcher(registry()).prefetch(ProjectLock.read(project));
        assertEquals(1, report.failures().size());
        String f = report.failures().get(0);
        assertTrue(f.contains("org.example:lib:jar@1.0") && f.contains(locked) && f.contains(Sha256.ofBytes(JAR)), f);
        assertEquals(List.of(), entries(), "nothing may enter the cache");
        assertFalse(report.onlyUnavailable(), "wrong bytes are an integrity failure, not an unavailable registry");
    }

    @Test
    void aServerErrorIsAnUnavailableRegistryButAMissingFileIsNot() throws IOException {
        lock(Sha256.ofBytes(JAR));
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Prefetcher.Report down = prefetcher(base + "/broken").prefetch(ProjectLock.read(project));
        assertTrue(down.onlyUnavailable(), down.failures().toString());
        assertEquals(down.failures(), down.unavailable());

        Prefetcher.Report missing = prefetcher(base + "/elsewhere").prefetch(ProjectLock.read(project));
        assertEquals(1, missing.failures().size());
        assertFalse(missing.onlyUnavailable(), "a 404 is an answer: the registry does not have it");
    }

    @Test
    void anUnreachableRegistryLeavesTheCacheUnchangedAndARetryWorks() throws IOException {
        lock(Sha256.ofBytes(JAR));
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Prefetcher.Report report = prefetcher("http://127.0.0.1:" + closedPort + "/maven2").prefetch(ProjectLock.read(project));
        assertEquals(1, report.failures().size());
        assertTrue(report.failures().get(0).contains("unreachable") && report.failures().get(0).contains("re-running prefetch is safe"),
                report.failures().get(0));
        assertTrue(report.onlyUnavailable(), "a refused connection is an unavailable registry");
        assertEquals(List.of(), entries());

        assertTrue(prefetcher(registry()).prefetch(ProjectLock.read(project)).ok());
        assertEquals(1, entries().size());
    }

    @Test
    void anInterruptedDownloadLeavesNoPartialEntry() throws IOException {
        lock(Sha256.ofBytes(JAR));
        truncate = true;
        Prefetcher.Report report = prefetcher(registry()).prefetch(ProjectLock.read(project));
        assertEquals(1, report.failures().size(), report.toString());
        assertEquals(List.of(), entries(), "no entry, and no partial file, may remain");
    }

    @Test
    void aPoisonedEntryIsDetectedWhenTheBuildUsesIt(@TempDir Path repository) throws IOException {
        lock(Sha256.ofBytes(JAR));
        assertTrue(prefetcher(registry()).prefetch(ProjectLock.read(project)).ok());
        Path entry = new ContentCache(cacheDir).entry("sha256", Sha256.ofBytes(JAR));
        entry.toFile().setWritable(true);
        Files.writeString(entry, "the real jar bytes, with a backdoor");

        CacheException e = assertThrows(CacheException.class, () -> MavenRepositoryMaterializer.materialize(
                ProjectLock.read(project), new ContentCache(cacheDir), repository));
        assertTrue(e.getMessage().startsWith("poisoned cache entry for org.example:lib:jar:1.0"), e.getMessage());
        assertTrue(e.getMessage().contains(Sha256.ofBytes(JAR)), e.getMessage());
        assertFalse(Files.exists(repository.resolve("org/example/lib/1.0/lib-1.0.jar")), "the poisoned copy must not stay");

        Prefetcher.Report report = prefetcher(registry()).prefetch(ProjectLock.read(project));
        assertTrue(report.failures().get(0).contains("poisoned"), report.toString());
    }

    @Test
    void materialisingCountsHitsAndNamesMisses(@TempDir Path repository) throws IOException {
        Files.writeString(project.resolve("hermetic.lock"), "org.example:lib:jar:1.0 sha256=" + Sha256.ofBytes(JAR) + "\n"
                + "org.example:other:jar:2.0 sha256=" + "c".repeat(64) + "\n");
        prefetcher(registry()).prefetch(ProjectLock.read(project));
        var usage = MavenRepositoryMaterializer.materialize(ProjectLock.read(project), new ContentCache(cacheDir), repository);
        assertEquals(1, usage.hits());
        assertEquals(List.of("org.example:other:jar:2.0"), usage.missing());
        assertEquals("the real jar bytes", Files.readString(repository.resolve("org/example/lib/1.0/lib-1.0.jar")));
    }

    @Test
    void npmTarballsComeFromTheConfiguredRegistryWhateverTheLockSays() throws IOException {
        byte[] tgz = "tarball".getBytes(StandardCharsets.UTF_8);
        files.put("/left-pad/-/left-pad-1.3.0.tgz", tgz);
        String sri = "sha512-" + java.util.Base64.getEncoder().encodeToString(sha512(tgz));
        Files.writeString(project.resolve("package-lock.json"), "{\"lockfileVersion\":3,\"packages\":{\"\":{},"
                + "\"node_modules/left-pad\":{\"version\":\"1.3.0\",\"resolved\":\"https://evil.example.com/left-pad/-/left-pad-1.3.0.tgz\","
                + "\"integrity\":\"" + sri + "\"}}}");
        Registries registries = new Registries(List.of(), List.of("http://127.0.0.1:" + server.getAddress().getPort()));
        Prefetcher.Report report = new Prefetcher(new ContentCache(cacheDir), registries).prefetch(ProjectLock.read(project));
        assertTrue(report.ok(), report.toString());
        assertEquals(1, report.fetched());
    }

    @Test
    void aTmpSymlinkIsRefusedAndWhatItPointsAtSurvives(@TempDir Path victim) throws IOException {
        Path precious = Files.writeString(victim.resolve("precious.txt"), "keep me");
        Files.createSymbolicLink(cacheDir.resolve("tmp"), victim);
        lock(Sha256.ofBytes(JAR));
        CacheException e = assertThrows(CacheException.class, () -> prefetcher(registry()).prefetch(ProjectLock.read(project)));
        assertTrue(e.getMessage().contains(cacheDir.resolve("tmp") + " is a symlink"), e.getMessage());
        CacheException opened = assertThrows(CacheException.class, () -> ContentCache.open(cacheDir, project));
        assertTrue(opened.getMessage().contains("never follows symlinks"), opened.getMessage());
        assertEquals("keep me", Files.readString(precious));
        assertEquals(List.of(precious), Files.list(victim).toList());
    }

    @Test
    void anEntryDirectorySymlinkIsNeitherWrittenThroughNorRead(@TempDir Path victim) throws IOException {
        String sha = Sha256.ofBytes(JAR);
        Files.createDirectories(cacheDir.resolve("sha256"));
        Files.createSymbolicLink(cacheDir.resolve("sha256").resolve(sha.substring(0, 2)), victim);
        lock(sha);
        Prefetcher.Report report = prefetcher(registry()).prefetch(ProjectLock.read(project));
        assertFalse(report.ok());
        assertTrue(report.failures().get(0).contains("is a symlink"), report.failures().toString());
        assertEquals(List.of(), Files.list(victim).toList(), "nothing may be written through the link");

        Files.write(victim.resolve(sha), JAR);
        Path repository = project.resolve("repo");
        CacheException read = assertThrows(CacheException.class, () -> MavenRepositoryMaterializer.materialize(
                ProjectLock.read(project), new ContentCache(cacheDir), repository));
        assertTrue(read.getMessage().contains("is a symlink"), read.getMessage());
        assertEquals(List.of(victim.resolve(sha)), Files.list(victim).toList());
    }

    @Test
    void aCacheInsideTheWorkspaceIsRefused() {
        InputException e = assertThrows(InputException.class, () -> ContentCache.open(project.resolve("cache"), project));
        assertTrue(e.getMessage().contains("--cache " + project.resolve("cache") + " is inside the workspace"), e.getMessage());
    }

    @Test
    void aCacheOwnedByAnotherUserIsRefused() throws IOException {
        dev.hermeticbuild.testing.Tools.require("root", "root".equals(System.getProperty("user.name")),
                "giving a directory to another uid needs root");
        Files.setAttribute(cacheDir, "unix:uid", 12345);
        CacheException e = assertThrows(CacheException.class, () -> ContentCache.open(cacheDir, project));
        assertTrue(e.getMessage().contains("belongs to uid 12345"), e.getMessage());
        lock(Sha256.ofBytes(JAR));
        Prefetcher.Report report = prefetcher(registry()).prefetch(ProjectLock.read(project));
        assertFalse(report.ok());
        assertTrue(report.failures().get(0).contains("belongs to uid 12345"), report.failures().toString());
        assertEquals(List.of(), entries());
    }

    private void lock(String sha256) throws IOException {
        Files.writeString(project.resolve("hermetic.lock"), "org.example:lib:jar:1.0 sha256=" + sha256 + "\n");
    }

    private String registry() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/maven2";
    }

    private Prefetcher prefetcher(String mavenRepo) {
        return new Prefetcher(new ContentCache(cacheDir), new Registries(List.of(mavenRepo), List.of()));
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> walk = Files.walk(cacheDir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static byte[] sha512(byte[] b) {
        try {
            return java.security.MessageDigest.getInstance("SHA-512").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anNpmLockWithoutResolvedUrlsIsRefusedBeforeAnythingIsFetched() throws IOException {
        byte[] tgz = "tarball".getBytes(StandardCharsets.UTF_8);
        files.put("/left-pad/-/left-pad-1.3.0.tgz", tgz);
        Files.writeString(project.resolve("package-lock.json"), "{\"lockfileVersion\":3,\"packages\":{\"\":{},"
                + "\"node_modules/left-pad\":{\"version\":\"1.3.0\",\"integrity\":\"sha512-"
                + java.util.Base64.getEncoder().encodeToString(sha512(tgz)) + "\"}}}");
        Registries registries = new Registries(List.of(), List.of("http://127.0.0.1:" + server.getAddress().getPort()));
        InputException e = assertThrows(InputException.class,
                () -> new Prefetcher(new ContentCache(cacheDir), registries).prefetch(ProjectLock.read(project)));
        assertTrue(e.getMessage().startsWith("prefetch refused: package-lock.json: 1 package(s) have no 'resolved' URL (first: left-pad@1.3.0)")
                && e.getMessage().contains("--omit-lockfile-registry-resolved=false"), e.getMessage());
        assertEquals(0, requests.get());
    }
}
