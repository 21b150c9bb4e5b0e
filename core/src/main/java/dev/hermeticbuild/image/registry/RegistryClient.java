package dev.hermeticbuild.image.registry;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import dev.hermeticbuild.digest.Sha256;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The OCI distribution API of one registry, spoken strictly: redirects followed only within the
 * same scheme, host and port; every answer read up to a cap; content addressed by digest checked
 * against the digest of the bytes received; the digest a registry reports for pushed content
 * compared with ours. A registry that asks for a login gets the one {@link RegistryOptions} holds
 * for it ({@link RegistryAuth}), and only that registry (and the token service it names) sees it.
 */
final class RegistryClient {

    /** Largest manifest or index read or pushed: 4 MiB, as the distribution specification suggests. */
    static final int MANIFEST_LIMIT = 4 << 20;
    private static final int ERROR_BODY_LIMIT = 64 << 10;
    private static final int MAX_REDIRECTS = 3;
    private static final String DIGEST_HEADER = "Docker-Content-Digest";

    private final String registry;
    private final URI base;
    private final HttpClient http;
    /** For blob storage on another host: the JVM's CAs as well as {@code --registry-ca}'s (the registry itself trusts only the latter). */
    private HttpClient storage;
    private final RegistryOptions options;
    private final RegistryAuth auth;
    private String authorization;

    RegistryClient(String registry, RegistryOptions options) {
        this.registry = registry;
        this.options = options;
        if (options.plainHttp() && !loopback(registry)) {
            throw new InputException("registry " + Printable.escape(registry) + ": plain http is accepted only for a"
                    + " loopback registry (127.0.0.1, ::1, localhost); use https");
        }
        this.base = URI.create((options.plainHttp() ? "http" : "https") + "://" + apiHost(registry));
        HttpClient.Builder b = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.timeout());
        options.caCertificates().ifPresent(pem -> b.sslContext(trusting(pem, false)));
        this.http = b.build();
        this.auth = new RegistryAuth(registry, options, http);
    }

    /** The client for blob storage on another host, made when first needed (most registries serve blobs themselves). */
    private synchronized HttpClient storage() {
        if (storage == null) {
            storage = options.caCertificates().isEmpty() ? http : HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(options.timeout()).sslContext(trusting(options.caCertificates().get(), true)).build();
        }
        return storage;
    }

    /**
     * The host the registry's API answers on for {@code registry} ({@code host[:port]}): Docker Hub's
     * is {@code registry-1.docker.io}, as docker and containerd use (docker.io itself is its web site);
     * every other registry answers on its own name. Logins stay keyed by the registry's name.
     */
    static String apiHost(String registry) {
        String r = registry.toLowerCase(java.util.Locale.ROOT);
        return r.equals("docker.io") || r.equals("index.docker.io") || r.equals("docker.io:443") ? "registry-1.docker.io" : registry;
    }

    /** Where requests go: {@code https://} (or, on loopback when asked, {@code http://}) and the {@link #apiHost}. */
    URI base() {
        return base;
    }

    /** The registry's {@code host[:port]}. */
    String registry() {
        return registry;
    }

    /** {@code GET /v2/}: the registry speaks the distribution API and lets us in (anonymously, or with our login). */
    void ping() {
        Response r = send("GET", "/v2/", List.of(), HttpRequest.BodyPublishers.noBody(), ERROR_BODY_LIMIT);
        expect(r, "GET /v2/", 200);
    }

    /** Whether the repository holds the blob. */
    boolean hasBlob(String repository, String sha256) {
        Response r = send("HEAD", blobPath(repository, sha256), List.of(), HttpRequest.BodyPublishers.noBody(), 0);
        if (r.status == 404) {
            return false;
        }
        expect(r, "HEAD blob sha256:" + sha256, 200);
        return true;
    }

    /** Uploads a blob in one request (POST then PUT with the digest); checks the digest the registry reports. */
    void pushBlob(String repository, String sha256, HttpRequest.BodyPublisher body) {
        Response start = send("POST", "/v2/" + repository + "/blobs/uploads/", List.of(),
                HttpRequest.BodyPublishers.noBody(), ERROR_BODY_LIMIT);
        expect(start, "start blob upload", 202);
        URI location = sameOrigin(start.header("Location").orElseThrow(() -> new RegistryException("registry "
                + registry + " started an upload without a Location")), "upload location");
        String sep = location.getRawQuery() == null ? "?" : "&";
        URI put = URI.create(location + sep + "digest=sha256:" + sha256);
        Response done = send("PUT", put, List.of("Content-Type", "application/octet-stream"), body, ERROR_BODY_LIMIT, 0);
        expect(done, "upload blob sha256:" + sha256, 201);
        checkReported(done, sha256, "blob");
    }

    /** Puts a manifest or index under {@code reference} (a digest or a tag); returns the answer's headers. */
    HttpHeaders putManifest(String repository, String reference, String mediaType, byte[] bytes) {
        if (bytes.length > MANIFEST_LIMIT) {
            throw new InputException("manifest of " + bytes.length + " bytes is over the " + MANIFEST_LIMIT + " byte limit");
        }
        Response r = send("PUT", "/v2/" + repository + "/manifests/" + reference, List.of("Content-Type", mediaType),
                HttpRequest.BodyPublishers.ofByteArray(bytes), ERROR_BODY_LIMIT);
        expect(r, "put manifest " + reference, 201);
        checkReported(r, Sha256.ofBytes(bytes), "manifest");
        return r.headers;
    }

    /**
     * The manifest or index at {@code reference}, or empty when the registry has none. A digest
     * reference is checked against the bytes; the media type must be one of {@code accepted}.
     */
    Optional<Fetched> getManifest(String repository, String reference, Set<String> accepted) {
        Response r = send("GET", "/v2/" + repository + "/manifests/" + reference,
                List.of("Accept", String.join(", ", accepted)), HttpRequest.BodyPublishers.noBody(), MANIFEST_LIMIT);
        if (r.status == 404) {
            return Optional.empty();
        }
        expect(r, "get manifest " + reference, 200);
        String type = r.header("Content-Type").map(t -> t.split(";", 2)[0].strip()).orElse("");
        if (!accepted.contains(type)) {
            throw new RegistryException("registry " + registry + " answered manifest " + reference + " as '"
                    + Printable.escape(type) + "', expected one of " + accepted);
        }
        String actual = Sha256.ofBytes(r.body);
        if (reference.startsWith("sha256:") && !reference.equals("sha256:" + actual)) {
            throw new RegistryException("registry " + registry + " answered manifest " + reference
                    + " with content of digest sha256:" + actual + ": refused");
        }
        return Optional.of(new Fetched(type, r.body, actual));
    }

    /**
     * The blob {@code sha256}, at most {@code limit} bytes, checked against its digest. A redirect to
     * the registry's storage on another host (Docker Hub, GHCR, ECR, Harbor on S3 all do this) is
     * followed as {@link #downloadBlob} follows it: https only, without our login.
     */
    byte[] getBlob(String repository, String sha256, int limit) {
        Response r = send("GET", base.resolve(blobPath(repository, sha256)), List.of(), HttpRequest.BodyPublishers.noBody(), limit, 0, true);
        expect(r, "get blob sha256:" + sha256, 200);
        String actual = Sha256.ofBytes(r.body);
        if (!actual.equals(sha256)) {
            throw new RegistryException("registry " + registry + " answered blob sha256:" + sha256
                    + " with content of digest sha256:" + actual + ": refused");
        }
        return r.body;
    }

    /**
     * Downloads the blob {@code sha256} of exactly {@code size} bytes into {@code target}, checked
     * against its digest as it is written (nothing is left at {@code target} otherwise). Registries
     * often send blob downloads to their storage on another host: such a redirect is followed, over
     * https only and without our login, since the digest is what makes the bytes trusted.
     */
    void downloadBlob(String repository, String sha256, long size, Path target) {
        URI uri = base.resolve(blobPath(repository, sha256));
        boolean answered = false;
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            for (int redirects = 0; ; ) {
                boolean own = sameOrigin(uri);
                HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(options.timeout()).GET();
                if (own && authorization != null) {
                    b.header("Authorization", authorization);
                }
                FileBody body = new FileBody(partial, size);
                Downloaded r = await((own ? http : storage()).sendAsync(b.build(), info -> info.statusCode() == 200 ? body
                        : HttpResponse.BodySubscribers.mapping(new CappedBody(ERROR_BODY_LIMIT), bytes -> (Void) null)), body, uri);
                int status = r.status();
                if (status == 200) {
                    String actual = body.sha256();
                    if (body.total() != size || !actual.equals(sha256)) {
                        throw new RegistryException("registry " + registry + " answered blob sha256:" + sha256 + " with " + body.total()
                                + " bytes of digest sha256:" + actual + ": refused");
                    }
                    Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    return;
                }
                if (status == 401 && own && !answered) {
                    answered = true;
                    Optional<String> answer = auth.answer(r.headers().allValues("WWW-Authenticate"));
                    if (answer.isPresent()) {
                        authorization = answer.get();
                        continue;
                    }
                }
                if (status == 401) {
                    throw auth.refused("GET blob sha256:" + sha256);
                }
                if (status >= 500 || status == 429) {
                    throw new RegistryUnavailableException("registry " + registry + " answered HTTP " + status + " to GET blob sha256:"
                            + sha256 + "; retrying later may help", null);
                }
                if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                    String location = r.headers().firstValue("Location").orElseThrow(() -> new RegistryException(
                            "registry " + registry + " answered a redirect without a Location"));
                    if (++redirects > MAX_REDIRECTS) {
                        throw new RegistryException("registry " + registry + " redirected blob sha256:" + sha256 + " more than "
                                + MAX_REDIRECTS + " times");
                    }
                    uri = storageRedirect(uri, location);
                    continue;
                }
                throw new RegistryException("registry " + registry + ": GET blob sha256:" + sha256 + " answered HTTP " + status
                        + " (expected 200)");
            }
        } catch (IOException e) {
            throw new RegistryUnavailableException("registry " + registry + ": cannot write blob sha256:" + sha256 + ": " + describe(e), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the message thrown says what failed
            }
        }
    }

    private record Downloaded(int status, HttpHeaders headers) {
    }

    /**
     * Waits for a download while it makes progress: each wait is one timeout long, and a wait in
     * which no byte arrived cancels the transfer (the request timeout covers only the headers).
     */
    private Downloaded await(CompletableFuture<HttpResponse<Void>> pending, FileBody body, URI uri) {
        long seen = -1;
        while (true) {
            try {
                HttpResponse<Void> r = pending.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
                return new Downloaded(r.statusCode(), r.headers());
            } catch (TimeoutException e) {
                long now = body.total();
                if (now == seen) {
                    pending.cancel(true);
                    throw new RegistryUnavailableException("registry " + registry + " stalled sending " + uri.getPath() + " (no byte in "
                            + options.timeout().toSeconds() + " s)", e);
                }
                seen = now;
            } catch (ExecutionException e) {
                throw failure(e.getCause(), "GET", uri);
            } catch (InterruptedException e) {
                pending.cancel(true);
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("interrupted while downloading from registry " + registry, e);
            }
        }
    }

    /** Writes an answer's body to a file as it arrives, digesting it, failing past {@code size} bytes. */
    private final class FileBody implements HttpResponse.BodySubscriber<Void> {

        private final Path file;
        private final long size;
        private final CompletableFuture<Void> result = new CompletableFuture<>();
        private final java.security.MessageDigest digest;
        private final java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();
        private java.nio.channels.FileChannel channel;
        private Flow.Subscription subscription;

        FileBody(Path file, long size) {
            this.file = file;
            this.size = size;
            try {
                this.digest = java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        long total() {
            return total.get();
        }

        String sha256() {
            return java.util.HexFormat.of().formatHex(digest.digest());
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            try {
                channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE);
            } catch (IOException e) {
                result.completeExceptionally(e);
                s.cancel();
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            try {
                for (ByteBuffer b : items) {
                    if (total.addAndGet(b.remaining()) > size) {
                        throw new CappedBody.Oversized(size > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) size);
                    }
                    digest.update(b.duplicate());
                    while (b.hasRemaining()) {
                        channel.write(b);
                    }
                }
            } catch (IOException | RuntimeException e) {
                subscription.cancel();
                close();
                result.completeExceptionally(e);
            }
        }

        @Override
        public void onError(Throwable t) {
            close();
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            close();
            result.complete(null);
        }

        private void close() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // a write that failed has already said so
            }
        }

        @Override
        public CompletionStage<Void> getBody() {
            return result;
        }
    }

    private boolean sameOrigin(URI uri) {
        return base.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme())) && base.getHost().equalsIgnoreCase(String.valueOf(uri.getHost()))
                && port(base) == port(uri);
    }

    /** Most pages of a referrers API answer followed ({@code Link: <…>; rel="next"}). */
    static final int MAX_REFERRER_PAGES = 8;

    /**
     * The OCI 1.1 referrers API's answer for {@code sha256}, one index per page (the next page
     * named by a {@code Link} header, on this registry only, at most {@link #MAX_REFERRER_PAGES}),
     * or empty when the registry has no such API (404).
     */
    Optional<List<byte[]>> referrersApi(String repository, String sha256) {
        List<String> accept = List.of("Accept", "application/vnd.oci.image.index.v1+json");
        Response r = send("GET", "/v2/" + repository + "/referrers/sha256:" + sha256, accept, HttpRequest.BodyPublishers.noBody(),
                MANIFEST_LIMIT);
        if (r.status == 404) {
            return Optional.empty();
        }
        List<byte[]> pages = new java.util.ArrayList<>();
        for (int page = 1; ; page++) {
            expect(r, "get referrers of sha256:" + sha256 + (page > 1 ? " (page " + page + ")" : ""), 200);
            pages.add(r.body);
            Optional<String> next = nextPage(r.headers.allValues("Link"));
            if (next.isEmpty() || page >= MAX_REFERRER_PAGES) {
                return Optional.of(pages);
            }
            r = send("GET", sameOrigin(next.get(), "referrers page link"), accept, HttpRequest.BodyPublishers.noBody(), MANIFEST_LIMIT, 0);
        }
    }

    /** The target of a {@code Link} header's {@code rel="next"}, if any. */
    static Optional<String> nextPage(List<String> links) {
        for (String header : links) {
            for (String link : header.split(",(?=\\s*<)")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*<([^>]*)>(.*)$").matcher(link);
                if (m.matches() && m.group(2).matches("(?i).*;\\s*rel=\"?next\"?\\s*(;.*)?$")) {
                    return Optional.of(m.group(1));
                }
            }
        }
        return Optional.empty();
    }

    /** A manifest as received: its media type, bytes and their digest (hex). */
    record Fetched(String mediaType, byte[] bytes, String sha256) {
    }

    private static String blobPath(String repository, String sha256) {
        return "/v2/" + repository + "/blobs/sha256:" + sha256;
    }

    private void checkReported(Response r, String sha256, String what) {
        Optional<String> reported = r.header(DIGEST_HEADER);
        if (reported.isPresent() && !reported.get().equals("sha256:" + sha256)) {
            throw new RegistryException("registry " + registry + " reports digest " + Printable.escape(reported.get())
                    + " for the " + what + " we pushed as sha256:" + sha256 + ": refused");
        }
    }

    private void expect(Response r, String what, int status) {
        if (r.status != status) {
            String body = new String(r.body, 0, Math.min(r.body.length, 300), StandardCharsets.UTF_8);
            throw new RegistryException("registry " + registry + ": " + what + " answered HTTP " + r.status
                    + " (expected " + status + ")" + (body.isBlank() ? "" : ": " + Printable.escape(body.strip())));
        }
    }

    private Response send(String method, String path, List<String> headers, HttpRequest.BodyPublisher body, int limit) {
        return send(method, base.resolve(path), headers, body, limit, 0);
    }

    /**
     * One request; a 401 is answered once, as its challenge asks: Basic with our login, or Bearer
     * with a token from the registry's token service (anonymous when we have no login).
     */
    private Response send(String method, URI uri, List<String> headers, HttpRequest.BodyPublisher body, int limit,
                          int redirects) {
        return send(method, uri, headers, body, limit, redirects, false);
    }

    /** As {@link #send(String, URI, List, HttpRequest.BodyPublisher, int, int)}; {@code blob}: a redirect to another https host is followed. */
    private Response send(String method, URI uri, List<String> headers, HttpRequest.BodyPublisher body, int limit,
                          int redirects, boolean blob) {
        Response r = exchange(method, uri, headers, body, limit, redirects, blob);
        if (r.status != 401) {
            return r;
        }
        Optional<String> answer = auth.answer(r.headers.allValues("WWW-Authenticate"));
        if (answer.isPresent()) {
            authorization = answer.get();
            r = exchange(method, uri, headers, body, limit, redirects, blob);
        }
        if (r.status == 401) {
            throw auth.refused(method + " " + uri.getPath());
        }
        return r;
    }

    /** One request to {@code uri} and the redirects it is answered with; our login goes to the registry's own origin only. */
    private Response exchange(String method, URI uri, List<String> headers, HttpRequest.BodyPublisher body, int limit,
                              int redirects, boolean blob) {
        boolean own = sameOrigin(uri);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(options.timeout()).method(method, body);
        for (int i = 0; i < headers.size(); i += 2) {
            b.header(headers.get(i), headers.get(i + 1));
        }
        if (authorization != null && own) {
            b.header("Authorization", authorization);
        }
        CompletableFuture<HttpResponse<byte[]>> pending = (own ? http : storage()).sendAsync(b.build(),
                info -> new CappedBody(info.statusCode() == 200 || info.statusCode() == 201 ? limit : ERROR_BODY_LIMIT));
        HttpResponse<byte[]> response;
        try {
            response = pending.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new RegistryUnavailableException("registry " + registry + " did not answer " + method + " " + uri.getPath()
                    + " within " + options.timeout().toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), method, uri);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted while asking registry " + registry, e);
        }
        byte[] bytes = response.body();
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            throw new RegistryUnavailableException("registry " + registry + " answered HTTP " + status + " to " + method
                    + " " + uri.getPath() + "; retrying later may help", null);
        }
        if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
            if (redirects >= MAX_REDIRECTS) {
                throw new RegistryException("registry " + registry + " redirected more than " + MAX_REDIRECTS + " times");
            }
            String location = response.headers().firstValue("Location").orElseThrow(() -> new RegistryException(
                    "registry " + registry + " answered a redirect without a Location"));
            URI next = blob && "GET".equals(method) ? storageRedirect(uri, location) : sameOrigin(uri.resolve(location).toString(), "redirect");
            boolean keep = status == 307 || status == 308;
            if (!keep && !"GET".equals(method) && !"HEAD".equals(method)) {
                throw new RegistryException("registry " + registry + " answered " + method + " with redirect " + status);
            }
            return exchange(method, next, headers, body, limit, redirects + 1, blob);
        }
        if (status == 401 && !own) {
            throw new RegistryException("registry " + registry + " sent a blob download to " + Printable.escape(uri.getScheme() + "://"
                    + uri.getRawAuthority()) + ", which asked for a login: refused (the registry's login is never sent to another host)");
        }
        return new Response(status, response.headers(), bytes);
    }

    private RuntimeException failure(Throwable cause, String method, URI uri) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CappedBody.Oversized o) {
                return new RegistryException("registry " + registry + " answered " + method + " " + uri.getPath()
                        + " with more than " + o.cap + " bytes: refused");
            }
            if (t instanceof SSLException ssl) {
                return new RegistryException("registry " + registry + ": TLS failed (" + describe(ssl) + "); if it uses a"
                        + " private CA, give that CA's certificate (--registry-ca FILE)");
            }
        }
        if (cause instanceof IOException io) {
            return new RegistryUnavailableException("registry " + registry + " cannot be reached (" + method + " "
                    + uri.getPath() + "): " + describe(io), io);
        }
        return new RegistryUnavailableException("registry " + registry + " cannot be reached (" + method + " "
                + uri.getPath() + "): " + cause, cause);
    }

    /** Where a blob redirect leads: the registry's own origin, or another host over https without user info in the URL. */
    private URI storageRedirect(URI from, String location) {
        URI next;
        try {
            next = from.resolve(location);
        } catch (IllegalArgumentException e) {
            throw new RegistryException("registry " + registry + " gave a malformed redirect URL");
        }
        if (!(sameOrigin(next) || "https".equalsIgnoreCase(next.getScheme())) || next.getRawUserInfo() != null || next.getHost() == null) {
            throw new RegistryException("registry " + registry + " redirected a blob to "
                    + Printable.escape(next.getScheme() + "://" + next.getRawAuthority()) + ": refused (only https)");
        }
        return next;
    }

    private URI sameOrigin(String location, String what) {
        URI target;
        try {
            target = base.resolve(location);
        } catch (IllegalArgumentException e) {
            throw new RegistryException("registry " + registry + " gave a malformed " + what + " URL");
        }
        if (!base.getScheme().equalsIgnoreCase(String.valueOf(target.getScheme()))
                || !base.getHost().equalsIgnoreCase(String.valueOf(target.getHost()))
                || port(base) != port(target)) {
            throw new RegistryException("registry " + registry + " sent a " + what + " to another host ("
                    + Printable.escape(target.getScheme() + "://" + target.getRawAuthority()) + "): refused");
        }
        return target;
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    static boolean loopback(String registry) {
        String host = registry.startsWith("[") ? registry.substring(1, Math.max(1, registry.indexOf(']')))
                : registry.split(":", 2)[0];
        return host.equals("localhost") || host.equals("::1") || host.matches("127(\\.[0-9]{1,3}){3}");
    }

    private static SSLContext trusting(Path pem, boolean jvmRoots) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore(pem, jvmRoots));
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a TLS context", e);
        }
    }

    /** The certificates in {@code pem} as trust anchors, and with {@code jvmRoots} the JVM's trusted CAs too. */
    static KeyStore trustStore(Path pem, boolean jvmRoots) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new InputException("registry CA file " + Printable.escape(pem) + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca-" + n++, c);
            }
            if (jvmRoots) {
                TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                jvm.init((KeyStore) null);
                for (javax.net.ssl.TrustManager m : jvm.getTrustManagers()) {
                    if (m instanceof javax.net.ssl.X509TrustManager x509) {
                        for (java.security.cert.X509Certificate root : x509.getAcceptedIssuers()) {
                            store.setCertificateEntry("jvm-" + n++, root);
                        }
                    }
                }
            }
            return store;
        } catch (IOException e) {
            throw new InputException("registry CA file " + Printable.escape(pem) + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new InputException("registry CA file " + Printable.escape(pem) + " is not PEM X.509 certificates: "
                    + e.getMessage(), e);
        }
    }

    /** Collects an answer's body, failing (and cancelling the transfer) past {@code cap} bytes. */
    static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final int cap;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int cap) {
            this.cap = cap;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                if (result.isDone()) {
                    return;
                }
                if ((long) bytes.size() + b.remaining() > cap) {
                    subscription.cancel();
                    result.completeExceptionally(new Oversized(cap));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        static final class Oversized extends IOException {
            final int cap;

            Oversized(int cap) {
                super("answer over " + cap + " bytes");
                this.cap = cap;
            }
        }
    }

    private record Response(int status, HttpHeaders headers, byte[] body) {
        Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }
}
