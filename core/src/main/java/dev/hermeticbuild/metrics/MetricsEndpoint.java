package dev.hermeticbuild.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Serves the exposition text on {@code GET /metrics} for Prometheus to scrape, computing it
 * afresh for every scrape, one scrape at a time. Anything else is refused (404, 405); a scrape
 * whose computation fails answers 500 without the failure's details, which go to the log.
 */
public final class MetricsEndpoint implements AutoCloseable {

    /** The media type of the Prometheus text format, version 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;

    private MetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Listens on {@code address} (port 0: any free port) and serves {@code exposition}; failures are told to {@code log}. */
    public static MetricsEndpoint start(InetSocketAddress address, Supplier<String> exposition, Consumer<String> log) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange, exposition, log);
            }
        });
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metrics-endpoint");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new MetricsEndpoint(server);
    }

    private static void handle(HttpExchange exchange, Supplier<String> exposition, Consumer<String> log) throws IOException {
        String method = exchange.getRequestMethod();
        if (!exchange.getRequestURI().getPath().equals("/metrics")) {
            reply(exchange, 404, "not found: only /metrics is served\n", method);
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            reply(exchange, 405, "method " + method + " not allowed: use GET\n", method);
            return;
        }
        String body;
        try {
            body = exposition.get();
        } catch (RuntimeException e) {
            log.accept("metrics: scrape failed: " + e.getMessage());
            reply(exchange, 500, "the metrics could not be computed; the metrics command's log says why\n", method);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        reply(exchange, 200, body, method);
    }

    private static void reply(HttpExchange exchange, int status, String body, String method) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (status != 200) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        }
        boolean head = method.equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The address actually listened on (the port chosen when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * Parses {@code HOST:PORT} ({@code [::1]:9464} for IPv6); the host must be given, so that
     * listening on every interface is always asked for explicitly ({@code 0.0.0.0:9464}).
     */
    public static InetSocketAddress parseAddress(String option, String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new InputException(option + " " + text + ": expected HOST:PORT, e.g. 127.0.0.1:9464 (the host is required)");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InputException(option + " " + text + ": the port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new InputException(option + " " + text + ": the port must be 0 to 65535");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new InputException(option + " " + text + ": unknown host " + host);
        }
        return address;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
