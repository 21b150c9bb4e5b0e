package dev.hermeticbuild.admission;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The admission webhook over HTTPS (TLS 1.2 and 1.3 only): {@code POST /validate} answers an
 * AdmissionReview with the {@link AdmissionDecider}'s decision, {@code POST /mutate} with the tags
 * the {@link TagPinner} pinned (for rules with {@code resolveTags}), {@code GET /healthz}
 * says it is up, {@code GET /metrics} gives {@link AdmissionMetrics}. With
 * {@link ClientAuthentication} a review from a client without a valid certificate is refused
 * (401, or 403 for a name not allowed) before its body is read: no decision, no audit line (the
 * probes and the scrape need no certificate). A body over the limit is refused unread (413); an
 * unreadable review is denied with its uid echoed when readable; a failure inside a decision
 * denies that request and the server goes on.
 */
public final class AdmissionServer implements AutoCloseable {

    /** How much of an oversized body is read and discarded before answering 413. */
    static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private final HttpsServer server;
    private final ExecutorService executor;
    private final AdmissionDecider decider;
    private final TagPinner pinner;
    private final AdmissionMetrics metrics;
    private final AuditLog audit;
    private final Clock clock;
    private final int maxBodyBytes;
    private final Optional<ClientAuthentication> clients;

    private AdmissionServer(HttpsServer server, ExecutorService executor, AdmissionDecider decider, TagPinner pinner,
                            AdmissionServerOptions options, AdmissionMetrics metrics) {
        this.server = server;
        this.metrics = metrics;
        this.executor = executor;
        this.decider = decider;
        this.pinner = pinner;
        this.audit = options.audit();
        this.clock = options.clock();
        this.maxBodyBytes = options.maxBodyBytes();
        this.clients = options.clients();
    }

    /** Listens as {@code options} say and decides by {@code policy}, verifying images with {@code verifier}; pins no tags. */
    public static AdmissionServer start(AdmissionServerOptions options, AdmissionPolicy policy, ImageVerifier verifier) {
        return start(options, policy, verifier, TagResolver.NONE);
    }

    /** As {@link #start(AdmissionServerOptions, AdmissionPolicy, ImageVerifier)}, pinning tags with {@code resolver} where a rule asks. */
    public static AdmissionServer start(AdmissionServerOptions options, AdmissionPolicy policy, ImageVerifier verifier,
                                        TagResolver resolver) {
        // Without TCP_NODELAY the JDK server's two writes (headers, then body) meet the client's delayed ACK:
        // about 40 ms per decision instead of under 1 ms (bench/AdmissionBench.java). Read once, by the JVM's first server.
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
        HttpsServer https;
        try {
            https = HttpsServer.create(options.listen(), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + options.listen() + ": " + e.getMessage(), e);
        }
        AdmissionMetrics metrics = new AdmissionMetrics();
        SSLContext tls = options.tls().sslContext(options.clients()
                .map(c -> c.trustManagers(() -> metrics.refused("client-certificate-invalid"))).orElse(null));
        boolean askForCertificates = options.clients().isPresent();
        https.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = tls.getDefaultSSLParameters();
                p.setProtocols(TlsIdentity.PROTOCOLS);
                // asked for, not required: the kubelet's probes and Prometheus connect without one; reviews are refused without it
                p.setWantClientAuth(askForCertificates);
                params.setSSLParameters(p);
            }
        });
        ThreadPoolExecutor executor = new ThreadPoolExecutor(options.threads(), options.threads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(1024), r -> {
                    Thread t = new Thread(r, "admission-webhook");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy()); // when every worker is busy, stop accepting rather than drop
        AdmissionServer server = new AdmissionServer(https, executor, new AdmissionDecider(policy, verifier, options.clock()),
                new TagPinner(policy, resolver), options, metrics);
        https.createContext("/", exchange -> {
            try (exchange) {
                server.handle(exchange);
            } catch (IOException | RuntimeException e) {
                // the client went away or sent something the HTTP layer could not read: nothing to answer
            }
        });
        https.setExecutor(executor);
        https.start();
        return server;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        switch (path) {
            case "/validate" -> {
                if (!method.equals("POST")) {
                    notAllowed(exchange, "POST");
                } else if (authenticated(exchange)) {
                    validate(exchange);
                }
            }
            case "/mutate" -> {
                if (!method.equals("POST")) {
                    notAllowed(exchange, "POST");
                } else if (authenticated(exchange)) {
                    mutate(exchange);
                }
            }
            case "/healthz" -> {
                if (!method.equals("GET")) {
                    notAllowed(exchange, "GET");
                } else {
                    reply(exchange, 200, "text/plain; charset=utf-8", "ok\n".getBytes(StandardCharsets.UTF_8));
                }
            }
            case "/metrics" -> {
                if (!method.equals("GET")) {
                    notAllowed(exchange, "GET");
                } else {
                    reply(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.render().getBytes(StandardCharsets.UTF_8));
                }
            }
            default -> reply(exchange, 404, "text/plain; charset=utf-8",
                    ("not found: " + path + " (POST /validate, POST /mutate, GET /healthz, GET /metrics)\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Whether the client may send a review: always without {@link ClientAuthentication}; else only
     * with a certificate the TLS handshake validated against the CA and, when names are given,
     * naming one of them. A refused client is answered 401 or 403 and counted, nothing more.
     */
    private boolean authenticated(HttpExchange exchange) throws IOException {
        if (clients.isEmpty()) {
            return true;
        }
        Certificate[] chain;
        try {
            chain = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            metrics.refused("no-client-certificate");
            reply(exchange, 401, "text/plain; charset=utf-8",
                    "a client certificate issued by the webhook's --client-ca is required to send reviews\n".getBytes(StandardCharsets.UTF_8));
            return false;
        }
        Optional<String> refusal = clients.get().refusal((X509Certificate) chain[0]);
        if (refusal.isPresent()) {
            metrics.refused("client-name");
            reply(exchange, 403, "text/plain; charset=utf-8", ("not allowed to send reviews: " + refusal.get() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            return false;
        }
        return true;
    }

    /** The request body, or empty when it was over the limit (and answered 413, or hung up on). */
    private Optional<byte[]> body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length <= maxBodyBytes) {
                return Optional.of(body);
            }
            // read on (discarding) so the client sees the answer instead of a reset; past the drain limit, hang up
            if (drain(in) <= DRAIN_LIMIT) {
                reply(exchange, 413, "text/plain; charset=utf-8",
                        ("request body is over the limit of " + maxBodyBytes + " bytes\n").getBytes(StandardCharsets.UTF_8));
            }
            return Optional.empty();
        }
    }

    /**
     * Pins tags. A review that cannot be read is denied here too (its uid echoed when readable); a
     * failure inside pinning admits the request unpinned, which the validating webhook then denies.
     */
    private void mutate(HttpExchange exchange) throws IOException {
        Optional<byte[]> body = body(exchange);
        if (body.isEmpty()) {
            return;
        }
        AdmissionRequest request;
        try {
            request = AdmissionReviewReader.read(body.get());
        } catch (MalformedReviewException e) {
            reply(exchange, 200, "application/json", AdmissionReviewWriter.write(Decision.refused(e.uid().orElse(""),
                    Reason.MALFORMED_REVIEW, "hermetic admission denied: " + e.getMessage())));
            return;
        }
        TagPinning pinning;
        try {
            pinning = pinner.pin(request);
        } catch (RuntimeException e) {
            pinning = new TagPinning(request.uid(), java.util.List.of(), java.util.List.of(
                    "hermetic admission: pinning tags failed (" + e.getClass().getSimpleName() + "); nothing pinned"));
        }
        metrics.record(pinning);
        try {
            audit.record(clock.instant(), request, pinning);
        } catch (RuntimeException e) {
            // the answer stands even when its audit line cannot be written
        }
        reply(exchange, 200, "application/json", AdmissionReviewWriter.write(pinning));
    }

    private void validate(HttpExchange exchange) throws IOException {
        Optional<byte[]> read = body(exchange);
        if (read.isEmpty()) {
            return;
        }
        byte[] body = read.get();
        long started = System.nanoTime();
        Optional<AdmissionRequest> request = Optional.empty();
        Decision decision;
        try {
            request = Optional.of(AdmissionReviewReader.read(body));
            decision = decider.decide(request.get());
        } catch (MalformedReviewException e) {
            decision = Decision.refused(e.uid().orElse(""), Reason.MALFORMED_REVIEW, "hermetic admission denied: " + e.getMessage());
        } catch (RuntimeException e) {
            decision = Decision.refused(request.map(AdmissionRequest::uid).orElse(""), Reason.INTERNAL_ERROR,
                    "hermetic admission denied: the webhook failed to decide (" + e.getClass().getSimpleName() + ")");
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        metrics.record(decision, latency);
        try {
            audit.record(clock.instant(), request, decision, latency);
        } catch (RuntimeException e) {
            // the decision stands even when its audit line cannot be written
        }
        reply(exchange, 200, "application/json", AdmissionReviewWriter.write(decision));
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n = in.read(buffer); n >= 0 && total <= DRAIN_LIMIT; n = in.read(buffer)) {
            total += n;
        }
        return total;
    }

    private static void notAllowed(HttpExchange exchange, String allowed) throws IOException {
        exchange.getResponseHeaders().set("Allow", allowed);
        reply(exchange, 405, "text/plain; charset=utf-8", ("use " + allowed + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The address listened on (the port chosen when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The metrics served on /metrics. */
    public AdmissionMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
