package dev.hermeticbuild.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.image.LayoutFixture;
import dev.hermeticbuild.image.MediaTypes;
import dev.hermeticbuild.image.OciLayout;
import dev.hermeticbuild.sign.Attestor;
import dev.hermeticbuild.sign.KeyAlgorithm;
import dev.hermeticbuild.sign.KeyGen;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.sign.Signers;
import dev.hermeticbuild.testing.Fixtures;
import dev.hermeticbuild.testing.OciRegistry;
import dev.hermeticbuild.verify.Keyring;
import dev.hermeticbuild.verify.VerificationFailure;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push, attach and verify against a real CNCF Distribution 2.8 over TLS (its CA made by the test):
 * a registry without the referrers API, so discovery goes through the referrers tag schema.
 */
class RegistryEndToEndTest {

    @TempDir
    static Path registryDir;

    private static OciRegistry registry;
    private static RegistryOptions options;
    private static Signer signer;

    @TempDir
    Path dir;

    @BeforeAll
    static void startRegistry() {
        registry = OciRegistry.start(registryDir);
        options = RegistryOptions.defaults().withCaCertificates(registry.caPem()).withTimeout(Duration.ofSeconds(20));
        signer = Signers.of(KeyGen.generate(KeyAlgorithm.ECDSA_P256));
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    private ImageRef repo(String name) {
        return ImageRef.parse(registry.host() + "/team/" + name, "--to");
    }

    private PushedImage pushSingle(String name, String content) throws IOException {
        Path layout = dir.resolve("layout-" + name);
        LayoutFixture.single(layout, content);
        return new RegistryPush(options).push(OciLayout.read(layout), repo(name));
    }

    private Path bundleFor(PushedImage image, Signer by, String file) {
        String statement = Fixtures.provenance("target/image", image.ref().sha256().orElseThrow());
        byte[] bundle = Attestor.attest(statement.getBytes(StandardCharsets.UTF_8), "test", by);
        return Fixtures.write(dir.resolve(file), new String(bundle, StandardCharsets.UTF_8));
    }

    private static Referrer attach(PushedImage image, Path bundle) {
        return new Referrers(options).attach(image.ref(), image.mediaType(), image.size(), bundle);
    }

    private static VerifyPolicy policy(Signer... trusted) {
        return VerifyPolicy.builder().keyring(Keyring.of(java.util.Arrays.stream(trusted).map(Signer::publicKey)
                .toArray(java.security.PublicKey[]::new))).requireHermetic(true)
                .builderIds(Set.of("https://ci.example.com/hermetic")).build();
    }

    @Test
    void pushedImageWithASignedProvenancePassesVerificationFromTheRegistry() throws IOException {
        Path layout = dir.resolve("layout");
        LayoutFixture.Written written = LayoutFixture.single(layout, "hello registry");
        PushedImage image = new RegistryPush(options).push(OciLayout.read(layout), repo("app"));
        assertEquals(written.manifests().get(0), image.ref().sha256().orElseThrow(), "pushed by the layout's manifest digest");
        assertEquals(MediaTypes.OCI_MANIFEST, image.mediaType());

        Referrer referrer = attach(image, bundleFor(image, signer, "provenance.json.sigstore.json"));
        assertEquals(Referrers.BUNDLE_ARTIFACT_TYPE, referrer.artifactType());

        ImageVerification v = new RegistryImageVerifier(options).verify(image.ref(), policy(signer));
        assertTrue(v.ok(), () -> "reasons: " + v.reasons());
        assertEquals(1, v.passed().size());
        assertEquals("provenance.json.sigstore.json", v.passed().get(0).title());
        assertEquals(List.of("target/image"), v.passed().get(0).result().matchedSubjects());
        assertTrue(v.passed().get(0).result().checks().contains("hermetic"), () -> v.passed().get(0).result().checks().toString());
    }

    @Test
    void referrersTagSchemaHoldsEachBundleOnceAndDiscoveryReadsIt() throws IOException {
        PushedImage image = pushSingle("fallback", "two bundles");
        Path one = bundleFor(image, signer, "a.sigstore.json");
        Referrer first = attach(image, one);
        attach(image, one);
        Referrer second = attach(image, bundleFor(image, Signers.of(KeyGen.generate(KeyAlgorithm.ECDSA_P256)), "b.sigstore.json"));
        List<Referrer> listed = new Referrers(options).list(image.ref());
        assertEquals(List.of(first.sha256(), second.sha256()), listed.stream().map(Referrer::sha256).toList());
        RegistryClient client = new RegistryClient(registry.host(), options);
        assertTrue(client.getManifest("team/fallback", "sha256-" + image.ref().sha256().orElseThrow(),
                Set.of(MediaTypes.OCI_INDEX)).isPresent(), "the fallback tag sha256-<hex> holds an index");
        assertTrue(new RegistryImageVerifier(options).verify(image.ref(), policy(signer)).ok(),
                "one good bundle passes even when another is signed by an unknown key");
    }

    @Test
    void multiPlatformIndexIsPushedByItsIndexDigestWithEveryManifest() throws IOException {
        Path layout = dir.resolve("multi");
        LayoutFixture.Written written = LayoutFixture.multiPlatform(layout);
        PushedImage image = new RegistryPush(options).push(OciLayout.read(layout),
                ImageRef.parse(registry.host() + "/team/multi:v1", "--to"));
        assertEquals(written.index(), image.ref().sha256().orElseThrow());
        assertEquals(MediaTypes.OCI_INDEX, image.mediaType());
        RegistryClient client = new RegistryClient(registry.host(), options);
        for (String manifest : written.manifests()) {
            assertTrue(client.getManifest("team/multi", "sha256:" + manifest, Set.of(MediaTypes.OCI_MANIFEST)).isPresent());
        }
        assertEquals(written.index(), client.getManifest("team/multi", "v1", Set.of(MediaTypes.OCI_INDEX)).orElseThrow().sha256(),
                "the tag is set for people, to the same index");
    }

    @Test
    void tamperedAttestationFailsWithItsReason() throws IOException {
        PushedImage image = pushSingle("tampered", "tampered");
        Path good = bundleFor(image, signer, "good.sigstore.json");
        String json = Files.readString(good);
        String payload = json.replaceAll("(?s).*\"payload\":\"([^\"]+)\".*", "$1");
        String statement = new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8)
                .replace("\"hermetic\":true", "\"hermetic\":false");
        Path tampered = Fixtures.write(dir.resolve("tampered.sigstore.json"),
                json.replace(payload, Base64.getEncoder().encodeToString(statement.getBytes(StandardCharsets.UTF_8))));
        attach(image, tampered);
        ImageVerification v = new RegistryImageVerifier(options).verify(image.ref(), policy(signer));
        assertFalse(v.ok());
        assertEquals(VerificationFailure.Code.SIGNATURE_INVALID, v.rejected().get(0).failures().get(0).code(), v.reasons().toString());
        assertTrue(v.reasons().get(0).startsWith("tampered.sigstore.json (sha256:"), v.reasons().toString());
    }

    @Test
    void aReferrerThatIsNotAboutTheImageIsRejectedWithoutHidingAGoodOne() throws IOException {
        PushedImage image = pushSingle("broken", "broken referrer");
        attach(image, bundleFor(image, signer, "good.sigstore.json"));
        Path otherLayout = dir.resolve("other");
        LayoutFixture.single(otherLayout, "not a referrer");
        PushedImage other = new RegistryPush(options).push(OciLayout.read(otherLayout), repo("broken"));
        RegistryClient client = new RegistryClient(registry.host(), options);
        String tag = Referrers.fallbackTag(image.ref().sha256().orElseThrow());
        byte[] index = client.getManifest("team/broken", tag, Set.of(MediaTypes.OCI_INDEX)).orElseThrow().bytes();
        String listed = new String(index, StandardCharsets.UTF_8).replace("\"manifests\":[", "\"manifests\":[{\"mediaType\":\""
                + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + other.ref().digest() + "\",\"size\":" + other.size()
                + ",\"artifactType\":\"" + Referrers.BUNDLE_ARTIFACT_TYPE + "\"},");
        client.putManifest("team/broken", tag, MediaTypes.OCI_INDEX, listed.getBytes(StandardCharsets.UTF_8));
        ImageVerification v = new RegistryImageVerifier(options).verify(image.ref(), policy(signer));
        assertTrue(v.ok(), v.reasons().toString());
        assertEquals(1, v.rejected().size());
        assertEquals(VerificationFailure.Code.SUBJECT_MISMATCH, v.rejected().get(0).failures().get(0).code(), v.reasons().toString());
    }

    @Test
    void bundleSignedByAKeyOutsideTheKeyringFails() throws IOException {
        PushedImage image = pushSingle("otherkey", "other key");
        attach(image, bundleFor(image, Signers.of(KeyGen.generate(KeyAlgorithm.ECDSA_P256)), "x.sigstore.json"));
        ImageVerification v = new RegistryImageVerifier(options).verify(image.ref(), policy(signer));
        assertFalse(v.ok());
        assertEquals(VerificationFailure.Code.UNKNOWN_KEY, v.rejected().get(0).failures().get(0).code());
    }

    @Test
    void provenanceOfAnotherImageFailsAsASubjectMismatch() throws IOException {
        PushedImage image = pushSingle("mismatch", "mine");
        PushedImage other = pushSingle("mismatch-other", "theirs");
        attach(image, bundleFor(other, signer, "theirs.sigstore.json"));
        ImageVerification v = new RegistryImageVerifier(options).verify(image.ref(), policy(signer));
        assertFalse(v.ok());
        assertEquals(VerificationFailure.Code.SUBJECT_MISMATCH, v.rejected().get(0).failures().get(0).code());
    }

    @Test
    void unsignedImageFails() throws IOException {
        PushedImage image = pushSingle("unsigned", "unsigned");
        ImageVerification v = new RegistryImageVerifier(options).verify(image.ref(), policy(signer));
        assertFalse(v.ok());
        assertEquals(VerificationFailure.Code.NEEDS_ATTESTATION, v.rejected().get(0).failures().get(0).code());
        assertTrue(v.reasons().get(0).contains("no Sigstore bundle is attached"), v.reasons().toString());
    }

    @Test
    void tagOnlyReferenceIsRefusedSayingHowToPin() {
        InputException e = assertThrows(InputException.class, () -> new RegistryImageVerifier(options)
                .verify(ImageRef.parse(registry.host() + "/team/app:latest", "--image"), policy(signer)));
        assertTrue(e.getMessage().contains("not pinned by digest") && e.getMessage().contains("@sha256:"), e.getMessage());
    }

    @Test
    void registryDownIsUnavailableNotAFailedCheck() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        ImageRef ref = ImageRef.parse("127.0.0.1:" + port + "/team/app@sha256:" + "a".repeat(64), "--image");
        RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class,
                () -> new RegistryImageVerifier(options).verify(ref, policy(signer)));
        assertEquals(5, e.exitCode());
        assertTrue(e.getMessage().contains("cannot be reached"), e.getMessage());
    }

    @Test
    void registryWhoseCertificateIsNotTrustedIsRefused() throws IOException {
        PushedImage image = pushSingle("tls", "tls");
        RegistryException e = assertThrows(RegistryException.class,
                () -> new RegistryImageVerifier(RegistryOptions.defaults()).verify(image.ref(), policy(signer)));
        assertTrue(e.getMessage().contains("TLS failed"), e.getMessage());
    }

    @Test
    void plainHttpIsRefusedForARemoteRegistry() {
        InputException e = assertThrows(InputException.class,
                () -> new RegistryClient("registry.example.com", RegistryOptions.defaults().withPlainHttp()));
        assertTrue(e.getMessage().contains("loopback"), e.getMessage());
    }

    @Test
    void imageMissingFromTheRegistryIsRefused() {
        ImageRef ref = ImageRef.parse(registry.host() + "/team/nothing@sha256:" + "b".repeat(64), "--image");
        RegistryException e = assertThrows(RegistryException.class, () -> new RegistryImageVerifier(options).verify(ref, policy(signer)));
        assertTrue(e.getMessage().contains("has no image"), e.getMessage());
    }
}
