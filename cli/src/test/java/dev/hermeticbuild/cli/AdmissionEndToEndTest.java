package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.admission.AdmissionPolicyFile;
import dev.hermeticbuild.admission.AdmissionServer;
import dev.hermeticbuild.admission.AdmissionServerOptions;
import dev.hermeticbuild.admission.AuditLog;
import dev.hermeticbuild.admission.TlsIdentity;
import dev.hermeticbuild.cli.BuildCommandTest.Run;
import dev.hermeticbuild.image.registry.RegistryOptions;
import dev.hermeticbuild.testing.OciRegistry;
import dev.hermeticbuild.testing.TestCerts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 end to end, every part real but the Kubernetes API server (whose AdmissionReview
 * requests are sent as it sends them): an image built hermetically and signed, pushed by digest
 * with its attestations to a real registry (Distribution 2.8 over TLS), and the admission webhook
 * (real TLS) admitting it, while an unsigned image, a tag, a tampered attestation, a key and a
 * builder outside policy are each denied with their reason, and a registry that goes down denies
 * new digests while the verdict cache still serves the known one.
 */
class AdmissionEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUILDER = "https://ci.example.com/hermetic";

    @TempDir
    Path dir;

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private static Run run(String... args) {
        return BuildCommandTest.hermetic(args);
    }

    /** A committed project whose build writes dist/app.txt; the runner makes the image from it. */
    private Path project() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("build.sh"), "#!/bin/sh\nmkdir -p dist && printf 'hello from the image\\n' > dist/app.txt\n");
        repo.resolve("build.sh").toFile().setExecutable(true);
        Files.writeString(repo.resolve(".gitignore"), "dist/\n");
        PersonIdent who = new PersonIdent("test", "test@example.com", Instant.parse("2026-11-30T00:00:00Z"), ZoneOffset.UTC);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("app").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        return repo;
    }

    private Path build(Path repo, String out) {
        Run r = run("build", "-C", repo.toString(), "--out", p(out), "--tier", "release", "--builder-id", BUILDER,
                "--sign-key", p("release.pem"), "--output", "dist/app.txt", "--image-base", "scratch",
                "--image-layer", "dist/app.txt:/srv/app.txt", "--image-entrypoint", "/bin/cat,/srv/app.txt", "--", "./build.sh");
        assertEquals(0, r.exit(), r.out() + r.err());
        return dir.resolve(out);
    }

    private static String digestOf(Path layout) throws Exception {
        return JSON.readTree(layout.resolve("index.json").toFile()).at("/manifests/0/digest").asText();
    }

    private void push(OciRegistry registry, Path image, String repo, Path attach) {
        Run r = attach == null
                ? run("push", "--image", image.toString(), "--to", registry.host() + "/" + repo, "--registry-ca", registry.caPem().toString())
                : run("push", "--image", image.toString(), "--to", registry.host() + "/" + repo, "--attach", attach.toString(),
                        "--registry-ca", registry.caPem().toString());
        assertEquals(0, r.exit(), r.out() + r.err());
    }

    /** Another image (its own digest), assembled on scratch. */
    private Path variant(String name) throws Exception {
        Path content = Files.writeString(dir.resolve(name + ".txt"), name);
        Run r = run("image", "--base", "scratch", "--layer", content + ":/srv/" + name, "--out", p(name + "-image"));
        assertEquals(0, r.exit(), r.err());
        return dir.resolve(name + "-image");
    }

    /** A directory holding only {@code bundle}, as {@code push --attach} takes it. */
    private Path attachDir(String name, String bundle) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("provenance.sigstore.json"), bundle);
        return d;
    }

    private static String review(String namespace, String image) throws Exception {
        return JSON.writeValueAsString(reviewNode(namespace, image));
    }

    private static ObjectNode reviewNode(String namespace, String image) {
        ObjectNode r = JSON.createObjectNode().put("kind", "AdmissionReview").put("apiVersion", "admission.k8s.io/v1");
        ObjectNode req = r.putObject("request").put("uid", "uid-" + Math.abs(image.hashCode())).put("namespace", namespace)
                .put("operation", "CREATE").put("name", "app");
        req.putObject("kind").put("group", "").put("version", "v1").put("kind", "Pod");
        req.putObject("resource").put("group", "").put("version", "v1").put("resource", "pods");
        ObjectNode pod = req.putObject("object").put("kind", "Pod").put("apiVersion", "v1");
        pod.putObject("metadata").put("name", "app").put("namespace", namespace);
        pod.putObject("spec").putArray("containers").addObject().put("name", "app").put("image", image);
        return r;
    }

    /**
     * What the API server does with a tag: sends the Pod to {@code /mutate}, applies the JSON patch
     * it answers (replace operations only), and returns the image the Pod then names with the warnings.
     */
    private static String[] mutated(HttpClient client, AdmissionServer server, String namespace, String image) throws Exception {
        ObjectNode review = reviewNode(namespace, image);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.address().getPort()
                        + "/mutate?timeout=10s")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(review))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode response = JSON.readTree(r.body()).path("response");
        assertTrue(response.path("allowed").asBoolean(false), r.body());
        ObjectNode pod = (ObjectNode) review.at("/request/object");
        if (response.has("patch")) {
            assertEquals("JSONPatch", response.path("patchType").asText());
            for (JsonNode op : JSON.readTree(Base64.getDecoder().decode(response.path("patch").asText()))) {
                assertEquals("replace", op.path("op").asText());
                String pointer = op.path("path").asText();
                int cut = pointer.lastIndexOf('/');
                ((ObjectNode) pod.at(pointer.substring(0, cut))).put(pointer.substring(cut + 1), op.path("value").asText());
            }
        }
        return new String[] {pod.at("/spec/containers/0/image").asText(), response.path("warnings").toString()};
    }

    private record Answer(boolean allowed, String message) {
    }

    private Answer admit(HttpClient client, AdmissionServer server, String namespace, String image) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.address().getPort()
                        + "/validate?timeout=10s")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(review(namespace, image))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode response = JSON.readTree(r.body()).path("response");
        return new Answer(response.path("allowed").asBoolean(false), response.path("status").path("message").asText(""));
    }

    @Test
    void aHermeticallyBuiltSignedImageIsAdmittedAndEverythingElseIsDeniedWithItsReason() throws Exception {
        Path registryDir = Files.createDirectories(dir.resolve("registry"));
        OciRegistry registry = OciRegistry.start(registryDir);
        Files.createDirectories(dir.resolve("keys"));
        assertEquals(0, run("keygen", "--key", p("release.pem"), "--pub", p("keys/release.pub")).exit());
        assertEquals(0, run("keygen", "--key", p("other.pem"), "--pub", p("other.pub")).exit());

        Path repo = project();
        Path out = build(repo, "out");
        String digest = digestOf(out.resolve("image"));
        assertEquals(digest, digestOf(build(repo, "again").resolve("image")), "the same image built twice has the same digest");
        String host = registry.host();
        push(registry, out.resolve("image"), "team/app", out);
        // verdicts are cached by digest (and rule): each image that must be denied is another image
        Path unsignedImage = variant("unsigned");
        push(registry, unsignedImage, "team/unsigned", null);
        // a bundle of the right key about this image, its signature then altered (push refuses a bundle about another image)
        Path tamperedImage = variant("tampered");
        Path aboutTampered = Files.writeString(dir.resolve("tampered.json"), Files.readString(out.resolve("provenance.json"))
                .replace(digest.substring(7), digestOf(tamperedImage).substring(7)));
        Run signed = run("attest", "--key", p("release.pem"), "--statement", aboutTampered.toString(), "--out", p("tampered.sigstore.json"));
        assertEquals(0, signed.exit(), signed.err());
        push(registry, tamperedImage, "team/tampered", attachDir("tampered-out", tampered(Files.readString(dir.resolve("tampered.sigstore.json")))));
        Path foreignImage = variant("foreign");
        Path statement = Files.writeString(dir.resolve("foreign.json"), Files.readString(out.resolve("provenance.json"))
                .replace(digest.substring(7), digestOf(foreignImage).substring(7)));
        Run foreign = run("attest", "--key", p("other.pem"), "--statement", statement.toString(), "--out", p("foreign.sigstore.json"));
        assertEquals(0, foreign.exit(), foreign.err());
        push(registry, foreignImage, "team/foreign", attachDir("foreign-out", Files.readString(dir.resolve("foreign.sigstore.json"))));

        Files.writeString(dir.resolve("policy.yaml"), """
                rules:
                  - name: strict
                    namespaces: ["strict"]
                    images: ["%1$s/**"]
                    keys: keys
                    builderIds: ["https://other.example.com/builder"]
                  - name: team
                    namespaces: ["team-*"]
                    images: ["%1$s/team/**"]
                    keys: keys
                    builderIds: ["%2$s"]
                    maxAge: 30d
                  - name: pinned
                    namespaces: ["pin-*"]
                    images: ["%1$s/team/**"]
                    keys: keys
                    builderIds: ["%2$s"]
                    resolveTags: true
                """.formatted(host, BUILDER));
        Tls tls = new Tls(dir);
        ByteArrayOutputStream audit = new ByteArrayOutputStream();
        String store = "jdbc:sqlite:" + dir.resolve("store.db");
        AdmissionStoreRecorder recorder = new AdmissionStoreRecorder(store, java.util.Optional.empty(), System.err);
        try (AdmissionServer server = AdmissionServer.start(AdmissionServerOptions.builder(TlsIdentity.load(tls.cert, tls.key))
                        .listen(new InetSocketAddress("127.0.0.1", 0))
                        .audit(AuditLog.to(new PrintStream(audit, true, StandardCharsets.UTF_8)).alsoTo(recorder)).build(),
                AdmissionPolicyFile.read(dir.resolve("policy.yaml"), Clock.systemUTC()),
                new RegistryAdmissionVerifier(RegistryOptions.defaults().withCaCertificates(registry.caPem())),
                new RegistryTagResolver(RegistryOptions.defaults().withCaCertificates(registry.caPem())))) {
            HttpClient client = HttpClient.newBuilder().sslContext(tls.client).build();

            Answer ok = admit(client, server, "team-a", host + "/team/app@" + digest);
            assertTrue(ok.allowed(), ok.message());

            Answer unsigned = admit(client, server, "team-a", host + "/team/unsigned@" + digestOf(unsignedImage));
            assertFalse(unsigned.allowed());
            assertTrue(unsigned.message().contains("no Sigstore bundle is attached"), unsigned.message());
            Answer tag = admit(client, server, "team-a", host + "/team/app:latest");
            assertFalse(tag.allowed());
            assertTrue(tag.message().contains("not pinned by digest"), tag.message());
            Answer tamper = admit(client, server, "team-a", host + "/team/tampered@" + digestOf(tamperedImage));
            assertFalse(tamper.allowed());
            assertTrue(tamper.message().contains("signature"), tamper.message());
            Answer stranger = admit(client, server, "team-a", host + "/team/foreign@" + digestOf(foreignImage));
            assertFalse(stranger.allowed());
            assertTrue(stranger.message().contains("unknown key"), stranger.message());
            Answer builder = admit(client, server, "strict", host + "/team/app@" + digest);
            assertFalse(builder.allowed());
            assertTrue(builder.message().contains("builder"), builder.message());

            // a rule with resolveTags: the tag is pinned to what it names now, then that digest is verified
            push(registry, out.resolve("image"), "team/app:1.0", null);
            push(registry, unsignedImage, "team/unsigned:1.0", null);
            String[] pinned = mutated(client, server, "pin-a", host + "/team/app:1.0");
            assertEquals(host + "/team/app:1.0@" + digest, pinned[0]);
            Answer pinnedOk = admit(client, server, "pin-a", pinned[0]);
            assertTrue(pinnedOk.allowed(), pinnedOk.message());
            String[] pinnedUnsigned = mutated(client, server, "pin-a", host + "/team/unsigned:1.0");
            assertEquals(host + "/team/unsigned:1.0@" + digestOf(unsignedImage), pinnedUnsigned[0]);
            Answer pinnedDenied = admit(client, server, "pin-a", pinnedUnsigned[0]);
            assertFalse(pinnedDenied.allowed(), "pinning is not admitting: the digest must verify");
            String[] missing = mutated(client, server, "pin-a", host + "/team/app:2.0");
            assertEquals(host + "/team/app:2.0", missing[0], "a tag the registry does not have is left as written");
            assertTrue(missing[1].contains("left as written"), missing[1]);
            assertFalse(admit(client, server, "pin-a", missing[0]).allowed());
            assertEquals(host + "/team/app:1.0", mutated(client, server, "team-a", host + "/team/app:1.0")[0],
                    "a rule without resolveTags pins nothing");
            String metrics = server.metrics().render();
            assertTrue(metrics.contains("hermetic_admission_tags_total{result=\"pinned\"} 2\n")
                    && metrics.contains("hermetic_admission_tags_total{result=\"unpinned\"} 1\n"), metrics);

            registry.close();
            Answer cached = admit(client, server, "team-a", host + "/team/app@" + digest);
            assertTrue(cached.allowed(), "the verdict cache serves the known digest while the registry is down: " + cached.message());
            Answer down = admit(client, server, "team-b", host + "/team/other@sha256:" + "0".repeat(64));
            assertFalse(down.allowed(), "a digest never verified is denied while the registry is down (fail closed)");
            assertTrue(down.message().contains("registry unavailable"), down.message());
        } finally {
            registry.close();
        }
        recorder.flush();
        Run metrics = run("metrics", "--window", "1h", "--store", store);
        assertTrue(metrics.out().contains("hermetic_deploy_verifications{window=\"1h\",result=\"passed\"} 3\n"),
                "the first admission and the cached one, each a deploy-time check: " + metrics.out());
        assertTrue(metrics.out().contains("hermetic_deploy_verifications{window=\"1h\",result=\"refused\"} 6\n"), metrics.out());
        assertTrue(metrics.out().contains("hermetic_deploy_refusals{window=\"1h\",reason=\"verification-failed\"} 5\n"), metrics.out());
        assertTrue(metrics.out().contains("hermetic_deploy_refusals{window=\"1h\",reason=\"registry-unavailable\"} 1\n"), metrics.out());
        String lines = audit.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("\"verified\"") && lines.contains("\"registry-unavailable\"") && lines.contains("\"not-pinned\""), lines);
    }

    /** {@code bundle} with one byte of its DSSE signature changed. */
    private static String tampered(String bundle) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(bundle);
        ObjectNode sig = (ObjectNode) root.path("dsseEnvelope").path("signatures").get(0);
        byte[] bytes = Base64.getDecoder().decode(sig.get("sig").asText());
        bytes[bytes.length / 2] ^= 1;
        sig.put("sig", Base64.getEncoder().encodeToString(bytes));
        return JSON.writeValueAsString(root);
    }

    /** The webhook's serving certificate for 127.0.0.1 from a test CA, and a client trusting only that CA. */
    private static final class Tls {
        final Path cert;
        final Path key;
        final SSLContext client;

        Tls(Path dir) throws Exception {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair caKey = g.generateKeyPair();
            KeyPair serverKey = g.generateKeyPair();
            X509CertificateHolder ca = TestCerts.caCertificate(caKey, "webhook test CA");
            X509CertificateHolder server = TestCerts.serverCertificate(serverKey.getPublic(), "webhook test CA", caKey.getPrivate(), "127.0.0.1");
            cert = Files.writeString(dir.resolve("tls.crt"), TestCerts.pem(server, ca));
            key = Files.writeString(dir.resolve("tls.key"), TestCerts.pem(new JcaPKCS8Generator(serverKey.getPrivate(), null)));
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", new JcaX509CertificateConverter().getCertificate(ca));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            client = SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), null);
        }
    }
}
