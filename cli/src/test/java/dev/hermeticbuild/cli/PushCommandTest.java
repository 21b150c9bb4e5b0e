package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.cli.BuildCommandTest.Run;
import dev.hermeticbuild.image.LayoutFixture;
import dev.hermeticbuild.testing.Fixtures;
import dev.hermeticbuild.testing.OciRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hermetic push} and {@code hermetic verify --image} through the command line against a real
 * registry (Distribution 2.8 over TLS): a signed provenance attached passes; a key outside the
 * keyring, an unsigned image, a tag-only reference and a registry that is down each fail with
 * their exit code.
 */
class PushCommandTest {

    @TempDir
    static Path registryDir;

    private static OciRegistry registry;

    @TempDir
    Path dir;

    private String digest;

    @BeforeAll
    static void startRegistry() {
        registry = OciRegistry.start(registryDir);
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void imageAndKeys() throws IOException {
        digest = LayoutFixture.single(dir.resolve("image"), "hello " + dir.getFileName()).manifests().get(0);
        Files.createDirectories(dir.resolve("keys"));
        assertEquals(0, run("keygen", "--key", p("release.pem"), "--pub", p("keys/release.pub")).exit());
        assertEquals(0, run("keygen", "--key", p("other.pem"), "--pub", p("other.pub")).exit());
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private static Run run(String... args) {
        return BuildCommandTest.hermetic(args);
    }

    /** An OUT directory holding a provenance bundle for the image, signed by {@code key}. */
    private Path out(String key) throws IOException {
        Path out = Files.createDirectories(dir.resolve("out-" + key));
        Path statement = Fixtures.write(dir.resolve("statement.json"), Fixtures.provenance("target/image", digest));
        Run attest = run("attest", "--key", p(key + ".pem"), "--statement", statement.toString(),
                "--out", out.resolve("provenance.sigstore.json").toString());
        assertEquals(0, attest.exit(), attest.err());
        return out;
    }

    private Run push(String repo, Path attach) {
        return attach == null
                ? run("push", "--image", p("image"), "--to", registry.host() + "/" + repo, "--registry-ca", registry.caPem().toString(), "--json")
                : run("push", "--image", p("image"), "--to", registry.host() + "/" + repo, "--attach", attach.toString(),
                        "--registry-ca", registry.caPem().toString(), "--json");
    }

    private Run verify(String ref) {
        return run("verify", "--image", ref, "--pub", p("keys"), "--registry-ca", registry.caPem().toString(),
                "--require-hermetic", "--builder-id", "https://ci.example.com/hermetic", "--json");
    }

    @Test
    void pushAttachAndVerifyTheImageFromTheRegistry() throws Exception {
        Run push = push("team/app", out("release"));
        assertEquals(0, push.exit(), push.err());
        JsonNode pushed = JsonOutputSchema.result(push.exit(), push.out(), push.err());
        String ref = registry.host() + "/team/app@sha256:" + digest;
        assertEquals(ref, pushed.get("image").asText());
        assertEquals("provenance.sigstore.json", pushed.get("referrers").get(0).get("file").asText());

        Run ok = verify(ref);
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        JsonNode result = JsonOutputSchema.result(ok.exit(), ok.out(), ok.err());
        assertTrue(result.get("verified").asBoolean());
        assertEquals("target/image", result.get("attestations").get(0).get("matchedSubjects").get(0).asText());

        Run text = run("verify", "--image", ref, "--pub", p("keys"), "--registry-ca", registry.caPem().toString());
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().startsWith("verified " + ref), text.out());
    }

    /**
     * What {@code hermetic sign} (and Jenkins' signArtifact) makes of an image layout: a message
     * signature over the manifest's bytes, which verifies against the layout locally and, attached
     * as one bundle file, from the registry by the digest alone; a bundle that is not one is
     * refused before anything is pushed.
     */
    @Test
    void aSignatureOverTheManifestAttachedAsOneFileVerifiesByDigest() throws Exception {
        Run sign = run("sign", "--key", p("release.pem"), p("image"));
        assertEquals(0, sign.exit(), sign.err());
        assertTrue(sign.out().contains("(message signature of the image's manifest sha256:" + digest + ", "), sign.out());
        Path bundle = dir.resolve("image.sigstore.json");
        Run local = run("verify", "--pub", p("keys"), "--bundle", bundle.toString(), "--artifact", p("image"));
        assertEquals(0, local.exit(), local.out() + local.err());
        assertTrue(local.out().contains("image " + p("image") + " manifest sha256 " + digest), local.out());
        Files.writeString(dir.resolve("stray.sigstore.json"), "{}");
        Run refused = run("push", "--image", p("image"), "--to", registry.host() + "/team/signed", "--attach", bundle.toString(),
                "--attach", p("stray.sigstore.json"), "--registry-ca", registry.caPem().toString());
        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().contains("stray.sigstore.json"), refused.err());

        Run push = run("push", "--image", p("image"), "--to", registry.host() + "/team/signed", "--attach", bundle.toString(),
                "--attach", bundle.toString(), "--registry-ca", registry.caPem().toString());
        assertEquals(0, push.exit(), push.err());
        assertEquals(1, push.out().lines().filter(l -> l.startsWith("attached image.sigstore.json")).count(), push.out());
        String ref = registry.host() + "/team/signed@sha256:" + digest;
        Run v = run("verify", "--image", ref, "--pub", p("keys"), "--registry-ca", registry.caPem().toString());
        assertEquals(0, v.exit(), v.out() + v.err());
        Run other = run("verify", "--image", ref, "--pub", p("other.pub"), "--registry-ca", registry.caPem().toString());
        assertEquals(1, other.exit(), other.out() + other.err());
    }

    /** A bundle about another image would verify nothing here: refused before anything is pushed. */
    @Test
    void aBundleAboutAnotherImageIsRefusedBeforeThePush() throws Exception {
        Path out = Files.createDirectories(dir.resolve("other-out"));
        Path statement = Fixtures.write(dir.resolve("other.json"), Fixtures.provenance("target/image", "e".repeat(64)));
        assertEquals(0, run("attest", "--key", p("release.pem"), "--statement", statement.toString(),
                "--out", out.resolve("provenance.sigstore.json").toString()).exit());
        Run push = push("team/other", out);
        assertEquals(2, push.exit(), push.err());
        assertTrue(push.err().contains("the bundle is about none of this image's digests (it names sha256:" + "e".repeat(64) + ")"),
                push.err());
        Run verify = verify(registry.host() + "/team/other@sha256:" + digest);
        assertEquals(1, verify.exit(), verify.out() + verify.err());
    }

    /** The user's flow: a signed build with an image output, its OUT attached on push, the image verified by digest. */
    @Test
    void aSignedBuildsImageOutputVerifiesFromTheRegistry() throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("workspace"));
        String built = LayoutFixture.single(workspace.resolve("layout"), "built").manifests().get(0);
        Files.writeString(workspace.resolve("build.sh"), "#!/bin/sh\nmkdir -p target && cp -r layout target/image\n");
        workspace.resolve("build.sh").toFile().setExecutable(true);
        Path out = dir.resolve("build-out");
        Run build = run("build", "-C", workspace.toString(), "--out", out.toString(), "--output", "target/image",
                "--sign-key", p("release.pem"), "--", "./build.sh");
        assertEquals(0, build.exit(), build.err());

        Run push = run("push", "--image", out.resolve("target/image").toString(), "--to", registry.host() + "/team/built:dev",
                "--attach", out.toString(), "--registry-ca", registry.caPem().toString());
        assertEquals(0, push.exit(), push.err());
        String ref = registry.host() + "/team/built@sha256:" + built;
        assertTrue(push.out().startsWith("pushed " + ref + "\n"), push.out());
        assertTrue(push.out().contains("attached provenance.sigstore.json as sha256:")
                && push.out().contains("attached sbom.sigstore.json as sha256:"), push.out());

        Run v = run("verify", "--image", ref, "--pub", p("keys"), "--registry-ca", registry.caPem().toString(), "--json");
        assertEquals(0, v.exit(), v.out() + v.err());
        JsonNode result = JsonOutputSchema.result(v.exit(), v.out(), v.err());
        assertEquals(2, result.get("attestations").size(), result.toString());
        assertEquals("target/image", result.get("attestations").get(0).get("matchedSubjects").get(0).asText());
    }

    /** A build whose output is an OCI archive (docker save since Docker 25): the archive file is pushed, and verifies by manifest digest. */
    @Test
    void aSignedBuildsOciArchiveOutputIsPushedAndVerifiesFromTheRegistry() throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("workspace"));
        String built = LayoutFixture.single(dir.resolve("layout"), "archived").manifests().get(0);
        LayoutFixture.archive(dir.resolve("layout"), workspace.resolve("image.tar"));
        Files.writeString(workspace.resolve("build.sh"), "#!/bin/sh\nmkdir -p target && cp image.tar target/image.tar\n");
        workspace.resolve("build.sh").toFile().setExecutable(true);
        Path out = dir.resolve("build-out");
        Run build = run("build", "-C", workspace.toString(), "--out", out.toString(), "--output", "target/image.tar",
                "--sign-key", p("release.pem"), "--", "./build.sh");
        assertEquals(0, build.exit(), build.err());

        Path archive = out.resolve("target/image.tar");
        assertEquals(0, run("sign", "--key", p("release.pem"), archive.toString()).exit());
        Run fileSignature = run("push", "--image", archive.toString(), "--to", registry.host() + "/team/archived",
                "--attach", archive + ".sigstore.json", "--registry-ca", registry.caPem().toString());
        assertEquals(2, fileSignature.exit(), fileSignature.out());
        assertTrue(fileSignature.err().contains("the bundle signs the archive file " + archive + " (sha256:"
                + dev.hermeticbuild.digest.Sha256.ofFile(archive) + "), not the image in it"), fileSignature.err());

        Run push = run("push", "--image", archive.toString(), "--to", registry.host() + "/team/archived",
                "--attach", out.toString(), "--registry-ca", registry.caPem().toString(), "--json");
        assertEquals(0, push.exit(), push.err());
        String ref = registry.host() + "/team/archived@sha256:" + built;
        assertEquals(ref, JsonOutputSchema.result(push.exit(), push.out(), push.err()).get("image").asText());

        Run v = run("verify", "--image", ref, "--pub", p("keys"), "--registry-ca", registry.caPem().toString(), "--json");
        assertEquals(0, v.exit(), v.out() + v.err());
        JsonNode result = JsonOutputSchema.result(v.exit(), v.out(), v.err());
        assertEquals("oci-archive:target/image.tar", result.get("attestations").get(0).get("matchedSubjects").get(0).asText());
    }

    @Test
    void aFileThatIsNotAValidOciArchiveIsRefusedSayingWhatIsExpected() throws IOException {
        Path legacy = dir.resolve("legacy.tar");
        try (var file = Files.newOutputStream(legacy);
             var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(file)) {
            LayoutFixture.entry(tar, "manifest.json", "[]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Run old = run("push", "--image", legacy.toString(), "--to", registry.host() + "/team/legacy", "--registry-ca", registry.caPem().toString());
        assertEquals(2, old.exit(), old.err());
        assertTrue(old.err().contains("docker-save archive without index.json") && old.err().contains("skopeo copy docker-archive:"), old.err());
        Run text = run("push", "--image", Fixtures.write(dir.resolve("notes.txt"), "hello").toString(), "--to", registry.host() + "/team/x",
                "--registry-ca", registry.caPem().toString());
        assertEquals(2, text.exit(), text.err());
        assertTrue(text.err().contains("neither an OCI image layout directory nor an OCI archive"), text.err());
        String layer = LayoutFixture.single(dir.resolve("bad"), "bad").layer();
        Files.delete(dir.resolve("bad/blobs/sha256/" + layer));
        Path broken = LayoutFixture.archive(dir.resolve("bad"), dir.resolve("broken.tar"));
        Run cut = run("push", "--image", broken.toString(), "--to", registry.host() + "/team/broken", "--registry-ca", registry.caPem().toString());
        assertEquals(2, cut.exit(), cut.err());
        assertTrue(cut.err().contains("OCI archive " + broken) && cut.err().contains(layer + " (") && cut.err().contains("is missing"),
                cut.err());
    }

    @Test
    void aMultiPlatformImageVerifiesByItsIndexDigestAndByEachPlatformsDigest() throws Exception {
        LayoutFixture.Written multi = LayoutFixture.multiPlatform(dir.resolve("multi"));
        Path out = Files.createDirectories(dir.resolve("multi-out"));
        Path statement = Fixtures.write(dir.resolve("multi.json"), Fixtures.provenance("target/image", multi.index(),
                "target/image@linux/amd64", multi.manifests().get(0), "target/image@linux/arm64", multi.manifests().get(1)));
        assertEquals(0, run("attest", "--key", p("release.pem"), "--statement", statement.toString(),
                "--out", out.resolve("provenance.sigstore.json").toString()).exit());
        Run push = run("push", "--image", p("multi"), "--to", registry.host() + "/team/multi", "--attach", out.toString(),
                "--registry-ca", registry.caPem().toString(), "--json");
        assertEquals(0, push.exit(), push.err());
        assertEquals(3, JsonOutputSchema.result(push.exit(), push.out(), push.err()).get("referrers").size());
        for (String digest : List.of(multi.index(), multi.manifests().get(0), multi.manifests().get(1))) {
            Run v = verify(registry.host() + "/team/multi@sha256:" + digest);
            assertEquals(0, v.exit(), digest + ": " + v.out() + v.err());
        }
    }

    @Test
    void keyOutsideTheKeyringFailsWithItsReason() throws Exception {
        assertEquals(0, push("team/other", out("other")).exit());
        Run v = verify(registry.host() + "/team/other@sha256:" + digest);
        assertEquals(1, v.exit(), v.out() + v.err());
        JsonOutputSchema.result(v.exit(), v.out(), v.err());
        assertTrue(v.out().contains("\"unknown-key\""), v.out());
    }

    /** verify --image --store: each deploy-time check of an image is a verification record, by manifest digest. */
    @Test
    void deployTimeImageChecksAreRecordedInTheStore() throws Exception {
        assertEquals(0, push("team/stored", out("release")).exit());
        assertEquals(0, push("team/foreign", out("other")).exit());
        String store = "jdbc:sqlite:" + dir.resolve("store.db");
        Run ok = run("verify", "--image", registry.host() + "/team/stored@sha256:" + digest, "--pub", p("keys"),
                "--registry-ca", registry.caPem().toString(), "--store", store);
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.err().contains("recorded #1 in " + store + " (verification passed)"), ok.err());
        Run refused = run("verify", "--image", registry.host() + "/team/foreign@sha256:" + digest, "--pub", p("keys"),
                "--registry-ca", registry.caPem().toString(), "--store", store);
        assertEquals(1, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains("recorded #2 in " + store + " (verification refused)"), refused.err());
        Run metrics = run("metrics", "--window", "1h", "--store", store);
        assertTrue(metrics.out().contains("hermetic_deploy_verifications{window=\"1h\",result=\"passed\"} 1\n"), metrics.out());
        assertTrue(metrics.out().contains("hermetic_deploy_refusals{window=\"1h\",reason=\"unknown-key\"} 1\n"), metrics.out());
        Run trace = run("trace", "sha256:" + digest, "--store", store, "--json");
        JsonNode checks = JsonOutputSchema.result(trace.exit(), trace.out(), trace.err()).get("deployChecks");
        assertEquals(2, checks.size(), trace.out());
        assertEquals(registry.host() + "/team/foreign@sha256:" + digest, checks.get(1).get("verification").get("reference").asText());
    }

    @Test
    void unsignedImageFails() {
        Run push = push("team/unsigned", null);
        assertEquals(0, push.exit(), push.err());
        Run v = run("verify", "--image", registry.host() + "/team/unsigned@sha256:" + digest, "--pub", p("keys"),
                "--registry-ca", registry.caPem().toString());
        assertEquals(1, v.exit(), v.out() + v.err());
        assertTrue(v.err().contains("no Sigstore bundle is attached"), v.err());
    }

    @Test
    void tagOnlyReferenceIsAnInputErrorSayingHowToPin() {
        Run v = run("verify", "--image", registry.host() + "/team/app:latest", "--pub", p("keys"));
        assertEquals(2, v.exit(), v.err());
        assertTrue(v.err().contains("not pinned by digest") && v.err().contains("@sha256:"), v.err());
    }

    @Test
    void contradictoryOrMisplacedOptionsAreInputErrors() {
        String ref = registry.host() + "/team/app@sha256:" + digest;
        Run both = run("verify", "--image", ref, "--bundle", p("x.sigstore.json"), "--pub", p("keys"));
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("either --bundle"), both.err());
        Run keyless = run("verify", "--image", ref, "--trusted-root", p("trusted_root.json"), "--pub", p("keys"));
        assertEquals(2, keyless.exit(), keyless.err());
        assertTrue(keyless.err().contains("--trusted-root and --certificate-* would refuse every bundle"), keyless.err());
        Run artifact = run("verify", "--image", ref, "--artifact", p("image"), "--pub", p("keys"));
        assertEquals(2, artifact.exit());
        assertTrue(artifact.err().contains("its own subject"), artifact.err());
        Run ca = run("verify", "--bundle", p("x.sigstore.json"), "--registry-ca", registry.caPem().toString(), "--pub", p("keys"));
        assertEquals(2, ca.exit());
        assertTrue(ca.err().contains("are for --image"), ca.err());
        Run plain = run("push", "--image", p("image"), "--to", "registry.example.com/team/app", "--plain-http");
        assertEquals(2, plain.exit());
        assertTrue(plain.err().contains("loopback"), plain.err());
        Run noRegistry = run("push", "--image", p("image"), "--to", "team/app");
        assertEquals(2, noRegistry.exit());
        assertTrue(noRegistry.err().contains("must be explicit"), noRegistry.err());
    }

    @Test
    void registryDownIsExitFive() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Run v = run("verify", "--image", "127.0.0.1:" + port + "/team/app@sha256:" + digest, "--pub", p("keys"), "--json");
        assertEquals(5, v.exit(), v.out() + v.err());
        assertTrue(v.out().contains("\"registry-unavailable\""), v.out());
        Run push = run("push", "--image", p("image"), "--to", "127.0.0.1:" + port + "/team/app");
        assertEquals(5, push.exit(), push.err());
    }

    @Test
    void attachDirectoryWithoutBundlesIsRefusedBeforeAnythingIsPushed() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run push = push("team/nothing", empty);
        assertEquals(2, push.exit(), push.err());
        Run v = verify(registry.host() + "/team/nothing@sha256:" + digest);
        assertFalse(v.exit() == 0);
        assertTrue(v.out().contains("has no image"), v.out());
    }
}
