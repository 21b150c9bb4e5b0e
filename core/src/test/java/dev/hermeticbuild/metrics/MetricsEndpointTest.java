package dev.hermeticbuild.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The scrape endpoint over real HTTP on 127.0.0.1. */
class MetricsEndpointTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(MetricsEndpoint e, String method, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + e.address().getPort() + path);
        return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyScrapeComputesTheTextAfresh() throws Exception {
        AtomicInteger scrapes = new AtomicInteger();
        try (MetricsEndpoint e = MetricsEndpoint.start(new InetSocketAddress("127.0.0.1", 0),
                () -> "hermetic_builds{window=\"1h\"} " + scrapes.incrementAndGet() + "\n", line -> { })) {
            HttpResponse<String> first = send(e, "GET", "/metrics");
            assertEquals(200, first.statusCode());
            assertEquals(MetricsEndpoint.CONTENT_TYPE, first.headers().firstValue("Content-Type").orElse(""));
            assertEquals("hermetic_builds{window=\"1h\"} 1\n", first.body());
            assertEquals("hermetic_builds{window=\"1h\"} 2\n", send(e, "GET", "/metrics").body());
        }
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        try (MetricsEndpoint e = MetricsEndpoint.start(new InetSocketAddress("127.0.0.1", 0), () -> "x 1\n", line -> { })) {
            assertEquals(404, send(e, "GET", "/").statusCode());
            assertEquals(404, send(e, "GET", "/metrics/../admin").statusCode());
            HttpResponse<String> post = send(e, "POST", "/metrics");
            assertEquals(405, post.statusCode());
            assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
        }
    }

    @Test
    void aFailedComputationAnswers500WithoutItsDetailsAndLogsThem() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (MetricsEndpoint e = MetricsEndpoint.start(new InetSocketAddress("127.0.0.1", 0), () -> {
            throw new IllegalStateException("cannot open jdbc:postgresql://db/store?password=hunter2");
        }, log::add)) {
            HttpResponse<String> r = send(e, "GET", "/metrics");
            assertEquals(500, r.statusCode());
            assertFalse(r.body().contains("hunter2"), r.body());
            assertTrue(r.body().contains("could not be computed"), r.body());
            assertEquals(1, log.size());
            assertTrue(log.get(0).startsWith("metrics: scrape failed: "), log.get(0));
        }
    }

    @Test
    void addressesNeedAHostAndAPort() {
        assertEquals(new InetSocketAddress("127.0.0.1", 9464), MetricsEndpoint.parseAddress("--listen", "127.0.0.1:9464"));
        assertEquals(new InetSocketAddress("::1", 0), MetricsEndpoint.parseAddress("--listen", "[::1]:0"));
        for (String bad : List.of(":9464", "9464", "127.0.0.1:port", "127.0.0.1:70000", "")) {
            InputException e = assertThrows(InputException.class, () -> MetricsEndpoint.parseAddress("--listen", bad));
            assertTrue(e.getMessage().startsWith("--listen " + bad + ": "), e.getMessage());
        }
    }
}
