package dev.hermeticbuild.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on 127.0.0.1 that serves the files a test puts in it (404 for anything
 * else) and records every path asked for: a registry or repository for tests of what we fetch.
 */
public final class FileServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();

    private FileServer(HttpServer server) {
        this.server = server;
    }

    public static FileServer start() {
        try {
            FileServer s = new FileServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
            s.server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                s.requested.add(path);
                byte[] body = s.files.get(path);
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
                exchange.close();
            });
            s.server.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves {@code body} at {@code path} (which starts with a slash). */
    public FileServer put(String path, String body) {
        return put(path, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Serves {@code body} at {@code path} (which starts with a slash). */
    public FileServer put(String path, byte[] body) {
        files.put(path, body.clone());
        return this;
    }

    /** What is served at {@code path}, if anything. */
    public java.util.Optional<byte[]> get(String path) {
        return java.util.Optional.ofNullable(files.get(path)).map(byte[]::clone);
    }

    /** The server's base URL, without a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every path asked for so far, in order. */
    public List<String> requested() {
        return List.copyOf(requested);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
