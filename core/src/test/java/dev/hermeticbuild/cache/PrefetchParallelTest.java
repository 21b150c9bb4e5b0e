package dev.hermeticbuild.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.lock.ProjectLock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prefetch fetches several inputs at once from a real HTTP registry on 127.0.0.1, reports its
 * progress, and still keeps only bytes that match the lock.
 */
class PrefetchParallelTest {

    static final int FILES = 12;

    @TempDir
    Path project;
    @TempDir
    Path cacheDir;

    HttpServer server;
    ExecutorService handlers;
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger mostInFlight = new AtomicInteger();
    /** Released once two requests are being served at the same time: a serial prefetch never gets past the first. */
    final CountDownLatch overlap = new CountDownLatch(2);

    @BeforeEach
    void startRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.createContext("/", exchange -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                overlap.countDown();
                overlap.await(20, TimeUnit.SECONDS);
                byte[] body = files.get(exchange.getRequestURI().getPath());
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        handlers.shutdownNow();
    }

    @Test
    void fetchesInParallelWithProgressAndVerifiesEveryEntry() throws IOException {
        List<String> lock = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < FILES; i++) {
            byte[] jar = ("jar number " + i).repeat(100 + i).getBytes(StandardCharsets.UTF_8);
            files.put("/maven2/org/example/lib" + i + "/1.0/lib" + i + "-1.0.jar", jar);
            total += jar.length;
            String locked = i == 5 ? Sha256.ofBytes("not what the registry serves".getBytes(StandardCharsets.UTF_8)) : Sha256.ofBytes(jar);
            lock.add("org.example:lib" + i + ":jar:1.0 sha256=" + locked);
        }
        Files.write(project.resolve("hermetic.lock"), lock);
        List<int[]> counts = new ArrayList<>();
        List<Long> bytes = new ArrayList<>();
        Prefetcher prefetcher = new Prefetcher(new ContentCache(cacheDir),
                new Registries(List.of("http://127.0.0.1:" + server.getAddress().getPort() + "/maven2"), List.of()), 4);
        Prefetcher.Report report = prefetcher.prefetch(ProjectLock.read(project), (done, all, fetchedBytes) -> {
            synchronized (counts) {
                counts.add(new int[] {done, all});
                bytes.add(fetchedBytes);
            }
        });

        assertTrue(mostInFlight.get() >= 2, "requests overlapped: " + mostInFlight.get());
        assertTrue(mostInFlight.get() <= 4, "bounded by the parallelism: " + mostInFlight.get());
        assertEquals(FILES - 1, report.fetched());
        assertEquals(List.of("org.example:lib5:jar@1.0"), report.failures().stream().map(f -> f.substring(0, f.indexOf(" from "))).toList());
        assertTrue(report.failures().get(0).contains("do not match the lock"), report.failures().get(0));
        assertEquals(total, report.bytesFetched());
        assertEquals(FILES, counts.size());
        for (int i = 0; i < FILES; i++) {
            assertEquals(i + 1, counts.get(i)[0]);
            assertEquals(FILES, counts.get(i)[1]);
        }
        assertEquals(total, (long) bytes.get(FILES - 1));
        ContentCache cache = new ContentCache(cacheDir);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String sha = Sha256.ofBytes(f.getValue());
            if (f.getKey().contains("/lib5/")) {
                assertTrue(!cache.contains("sha256", sha), "a mismatching download is never stored");
            } else {
                assertEquals(-1L, Files.mismatch(cache.entry("sha256", sha), tmpWith(f.getValue())));
            }
        }
    }

    private Path tmpWith(byte[] bytes) throws IOException {
        Path p = Files.createTempFile(project, "expected", ".jar");
        return Files.write(p, bytes);
    }
}
