package dev.hermeticbuild.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.image.MediaTypes;
import dev.hermeticbuild.verify.Keyring;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a registry may answer that must be refused: a real HTTP server on 127.0.0.1 (plain http,
 * loopback) answering each path as the test says, the way a broken or hostile registry would.
 */
class RegistryAnswersTest {

    private static final byte[] MANIFEST = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
            + "\",\"config\":{},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
    private static final String SHA = Sha256.ofBytes(MANIFEST);

    private record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private HttpServer server;
    private String host;
    private final RegistryOptions options = RegistryOptions.defaults().withPlainHttp();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        host = "127.0.0.1:" + server.getAddress().getPort();
        answers.put("/v2/", new Answer(200, Map.of(), "{}".getBytes(StandardCharsets.UTF_8)));
        answers.put("/v2/team/app/manifests/sha256:" + SHA, new Answer(200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST), MANIFEST));
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private final CountDownLatch release = new CountDownLatch(1);
    private final Set<String> stalled = ConcurrentHashMap.newKeySet();

    private void answer(HttpExchange exchange) throws IOException {
        if (stalled.contains(exchange.getRequestURI().getPath())) {
            exchange.getResponseHeaders().add("Content-Type", MediaTypes.OCI_MANIFEST);
            exchange.sendResponseHeaders(200, MANIFEST.length);
            OutputStream out = exchange.getResponseBody();
            out.write(MANIFEST, 0, 10);
            out.flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        Answer a = answers.getOrDefault(exchange.getRequestURI().getPath(), new Answer(404, Map.of(), new byte[0]));
        a.headers().forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
        if (a.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(a.body());
            }
        }
        exchange.close();
    }

    private ImageRef image() {
        return ImageRef.parse(host + "/team/app@sha256:" + SHA, "--image");
    }

    private ImageVerification verify() {
        return new RegistryImageVerifier(options).verify(image(), VerifyPolicy.builder().keyring(Keyring.none()).build());
    }

    @Test
    void manifestWhoseBytesAreNotItsDigestIsRefused() {
        answers.put("/v2/team/app/manifests/sha256:" + SHA, new Answer(200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST),
                "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8)));
        RegistryException e = assertThrows(RegistryException.class, this::verify);
        assertTrue(e.getMessage().contains("with content of digest"), e.getMessage());
    }

    @Test
    void redirectToAnotherHostIsRefused() {
        answers.put("/v2/team/app/manifests/sha256:" + SHA, new Answer(307,
                Map.of("Location", "http://127.0.0.2:" + server.getAddress().getPort() + "/v2/team/app/manifests/sha256:" + SHA), new byte[0]));
        RegistryException e = assertThrows(RegistryException.class, this::verify);
        assertTrue(e.getMessage().contains("to another host"), e.getMessage());
    }

    @Test
    void redirectWithinTheRegistryIsFollowed() {
        answers.put("/v2/team/app/manifests/sha256:" + SHA, new Answer(307, Map.of("Location", "/moved"), new byte[0]));
        answers.put("/moved", new Answer(200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST), MANIFEST));
        ImageVerification v = verify();
        assertTrue(v.reasons().get(0).contains("no Sigstore bundle"), v.reasons().toString());
    }

    @Test
    void oversizedManifestIsRefusedUnread() {
        answers.put("/v2/team/app/manifests/sha256:" + SHA, new Answer(200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST),
                new byte[RegistryClient.MANIFEST_LIMIT + 1]));
        RegistryException e = assertThrows(RegistryException.class, this::verify);
        assertTrue(e.getMessage().contains("more than " + RegistryClient.MANIFEST_LIMIT + " bytes"), e.getMessage());
    }

    @Test
    void referrersAnswerThatIsNotJsonIsRefused() {
        answers.put("/v2/team/app/referrers/sha256:" + SHA, new Answer(200, Map.of(), "<html>hello</html>".getBytes(StandardCharsets.UTF_8)));
        RegistryException e = assertThrows(RegistryException.class, this::verify);
        assertTrue(e.getMessage().contains("is not valid JSON"), e.getMessage());
    }

    @Test
    void aListedReferrerTheRegistryDoesNotServeIsARejectionNotAnAbort() {
        answers.put("/v2/team/app/referrers/sha256:" + SHA, new Answer(200, Map.of("Content-Type", MediaTypes.OCI_INDEX),
                ("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"sha256:"
                        + "d".repeat(64) + "\",\"size\":1,\"artifactType\":\"" + Referrers.BUNDLE_ARTIFACT_TYPE + "\"}]}")
                        .getBytes(StandardCharsets.UTF_8)));
        ImageVerification v = verify();
        assertEquals(false, v.ok());
        assertTrue(v.reasons().get(0).contains("does not have it"), v.reasons().toString());
    }

    @Test
    void manifestOfAnotherMediaTypeIsRefused() {
        answers.put("/v2/team/app/manifests/sha256:" + SHA, new Answer(200, Map.of("Content-Type", "text/html"), MANIFEST));
        RegistryException e = assertThrows(RegistryException.class, this::verify);
        assertTrue(e.getMessage().contains("'text/html'"), e.getMessage());
    }

    @Test
    void registryThatStallsMidAnswerTimesOutAsUnavailable() {
        stalled.add("/v2/team/app/manifests/sha256:" + SHA);
        RegistryOptions quick = options.withTimeout(java.time.Duration.ofSeconds(1));
        RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class, () -> new RegistryImageVerifier(quick)
                .verify(image(), VerifyPolicy.builder().keyring(Keyring.none()).build()));
        assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
    }

    /** Blob downloads (hermetic pull): a stall mid-body, too many bytes, the wrong bytes, or an http redirect elsewhere each fail and leave nothing. */
    @Test
    void aBlobDownloadThatStallsOrLiesLeavesNothing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String blobPath = "/v2/team/app/blobs/sha256:" + SHA;
        java.nio.file.Path target = dir.resolve(SHA);
        RegistryClient quick = new RegistryClient(host, options.withTimeout(java.time.Duration.ofSeconds(1)));

        answers.put(blobPath, new Answer(200, Map.of(), MANIFEST));
        RegistryException big = assertThrows(RegistryException.class, () -> quick.downloadBlob("team/app", SHA, MANIFEST.length - 1, target));
        assertTrue(big.getMessage().contains("more than"), big.getMessage());
        answers.put(blobPath, new Answer(200, Map.of(), "{\"other\":1}".getBytes(StandardCharsets.UTF_8)));
        RegistryException wrong = assertThrows(RegistryException.class, () -> quick.downloadBlob("team/app", SHA, 11, target));
        assertTrue(wrong.getMessage().contains("bytes of digest sha256:"), wrong.getMessage());
        answers.put(blobPath, new Answer(307, Map.of("Location", "http://127.0.0.2:" + server.getAddress().getPort() + blobPath), new byte[0]));
        RegistryException elsewhere = assertThrows(RegistryException.class, () -> quick.downloadBlob("team/app", SHA, MANIFEST.length, target));
        assertTrue(elsewhere.getMessage().contains("refused (only https"), elsewhere.getMessage());
        assertEquals(0, dir.toFile().list().length, String.join(",", dir.toFile().list()));

        answers.put(blobPath, new Answer(200, Map.of(), MANIFEST));
        quick.downloadBlob("team/app", SHA, MANIFEST.length, target);
        assertEquals(SHA, Sha256.ofFile(target));

        // last: the stalled answer holds the test server's one thread until the test ends
        java.nio.file.Path second = dir.resolve("second");
        stalled.add(blobPath);
        RegistryUnavailableException stall = assertThrows(RegistryUnavailableException.class,
                () -> quick.downloadBlob("team/app", SHA, MANIFEST.length, second));
        assertTrue(stall.getMessage().contains("stalled sending " + blobPath), stall.getMessage());
        assertFalse(java.nio.file.Files.exists(second) || java.nio.file.Files.exists(dir.resolve("second.partial")));
    }

    @Test
    void serverErrorIsUnavailable() {
        answers.put("/v2/team/app/manifests/sha256:" + SHA, new Answer(503, Map.of(), new byte[0]));
        RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class, this::verify);
        assertEquals(5, e.exitCode());
    }

    @Test
    void pushedManifestReportedUnderAnotherDigestIsRefused() {
        answers.put("/v2/team/app/manifests/sha256:" + SHA, new Answer(201,
                Map.of("Docker-Content-Digest", "sha256:" + "0".repeat(64)), new byte[0]));
        RegistryException e = assertThrows(RegistryException.class, () -> new RegistryClient(host, options)
                .putManifest("team/app", "sha256:" + SHA, MediaTypes.OCI_MANIFEST, MANIFEST));
        assertTrue(e.getMessage().contains("reports digest sha256:000"), e.getMessage());
    }

    private static String entry(String hex) {
        return "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"sha256:" + hex + "\",\"size\":1,\"artifactType\":\""
                + Referrers.BUNDLE_ARTIFACT_TYPE + "\"}";
    }

    private void referrers(String... entries) {
        answers.put("/v2/team/app/referrers/sha256:" + SHA, new Answer(200, Map.of("Content-Type", MediaTypes.OCI_INDEX),
                ("{\"schemaVersion\":2,\"manifests\":[" + String.join(",", entries) + "]}").getBytes(StandardCharsets.UTF_8)));
    }

    /** Anyone who may push may write the tag schema's index: one bad entry is skipped, and does not hide the others. */
    @Test
    void aMalformedReferrerEntryIsSkippedAndTheOthersAreStillRead() {
        referrers("{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"sha256:../../etc\",\"size\":1}", "17", entry("d".repeat(64)));
        ImageVerification v = verify();
        assertEquals(false, v.ok());
        assertEquals(3, v.rejected().size(), v.reasons().toString());
        assertTrue(v.reasons().get(0).contains("skipped") && v.reasons().get(0).contains("is not a sha256 digest"), v.reasons().toString());
        assertTrue(v.reasons().get(1).contains("manifests[1] is not an object"), v.reasons().toString());
        assertTrue(v.reasons().get(2).contains("does not have it"), v.reasons().toString());
    }

    /** The referrers API may answer in pages: each is read (the next named by its Link header, on this registry only). */
    @Test
    void referrersAnswerInPagesIsReadWholeAndAPageElsewhereIsRefused() {
        referrers(entry("d".repeat(64)));
        answers.put("/v2/team/app/referrers/sha256:" + SHA, new Answer(200, Map.of("Content-Type", MediaTypes.OCI_INDEX,
                "Link", "</v2/team/app/referrers/sha256:" + SHA + "/page2>; rel=\"next\""),
                ("{\"schemaVersion\":2,\"manifests\":[" + entry("d".repeat(64)) + "]}").getBytes(StandardCharsets.UTF_8)));
        answers.put("/v2/team/app/referrers/sha256:" + SHA + "/page2", new Answer(200, Map.of("Content-Type", MediaTypes.OCI_INDEX),
                ("{\"schemaVersion\":2,\"manifests\":[" + entry("e".repeat(64)) + "," + entry("d".repeat(64)) + "]}")
                        .getBytes(StandardCharsets.UTF_8)));
        ImageVerification v = verify();
        assertEquals(2, v.rejected().size(), v.reasons().toString());
        assertTrue(v.reasons().get(1).contains("sha256:" + "e".repeat(64)), v.reasons().toString());

        answers.put("/v2/team/app/referrers/sha256:" + SHA, new Answer(200, Map.of("Content-Type", MediaTypes.OCI_INDEX,
                "Link", "<http://127.0.0.2:" + server.getAddress().getPort() + "/elsewhere>; rel=\"next\""),
                ("{\"schemaVersion\":2,\"manifests\":[]}").getBytes(StandardCharsets.UTF_8)));
        RegistryException e = assertThrows(RegistryException.class, this::verify);
        assertTrue(e.getMessage().contains("referrers page link to another host"), e.getMessage());
        assertEquals(java.util.Optional.of("/b"), RegistryClient.nextPage(java.util.List.of("</a>; rel=\"prev\", </b>; rel=next")));
    }

    @Test
    void aReferrerListedTwiceIsCheckedOnce() {
        referrers(entry("d".repeat(64)), entry("d".repeat(64)));
        assertEquals(1, verify().rejected().size(), verify().reasons().toString());
    }

    /** A flood of attached bundles costs a bounded amount of fetching: past the budget, each is listed as not checked. */
    @Test
    void bundlesPastTheWorkBudgetAreNotFetched() {
        java.util.List<String> entries = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger blobRequests = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < RegistryImageVerifier.MAX_BUNDLES + 3; i++) {
            String bundleSha = String.format("%064x", i + 1);
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"subject\":{\"mediaType\":\""
                    + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"sha256:" + SHA + "\",\"size\":" + MANIFEST.length + "},\"layers\":[{"
                    + "\"mediaType\":\"" + Referrers.BUNDLE_ARTIFACT_TYPE + "\",\"digest\":\"sha256:" + bundleSha + "\",\"size\":10}]}")
                    .getBytes(StandardCharsets.UTF_8);
            String manifestSha = Sha256.ofBytes(manifest);
            answers.put("/v2/team/app/manifests/sha256:" + manifestSha, new Answer(200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST), manifest));
            entries.add(entry(manifestSha));
        }
        server.createContext("/v2/team/app/blobs/", exchange -> {
            blobRequests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        referrers(entries.toArray(String[]::new));
        ImageVerification v = verify();
        assertEquals(RegistryImageVerifier.MAX_BUNDLES, blobRequests.get());
        assertEquals(RegistryImageVerifier.MAX_BUNDLES + 3, v.rejected().size());
        assertEquals(3, v.reasons().stream().filter(r -> r.contains("not checked")).count(), v.reasons().toString());
    }

    @Test
    void referenceParsingRefusesWhatIsNotAnExplicitRegistryAndRepository() {
        for (String bad : Set.of("app", "team/app@sha256:" + SHA, "reg.example.com:70000/app", "reg.example.com:0/app", "reg.example.com/Team/app", "reg.example.com/app@md5:abc",
                "reg.example.com/app@sha256:ABC")) {
            assertThrows(dev.hermeticbuild.InputException.class, () -> ImageRef.parse(bad, "--image"), bad);
        }
        ImageRef ok = ImageRef.parse("reg.example.com:5000/team/app:v1@sha256:" + SHA, "--image");
        assertEquals("reg.example.com:5000", ok.registry());
        assertEquals("team/app", ok.repository());
        assertEquals("v1", ok.tag().orElseThrow());
        assertTrue(ok.pinned());
    }
}
