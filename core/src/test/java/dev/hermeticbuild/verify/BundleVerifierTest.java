package dev.hermeticbuild.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.bundle.CanonicalBase64;
import dev.hermeticbuild.bundle.DsseEnvelope;
import dev.hermeticbuild.bundle.StrictJson;
import dev.hermeticbuild.sign.ArtifactSigner;
import dev.hermeticbuild.sign.Attestor;
import dev.hermeticbuild.sign.KeyAlgorithm;
import dev.hermeticbuild.sign.KeyGen;
import dev.hermeticbuild.sign.KeyId;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.sign.Signers;
import dev.hermeticbuild.testing.Fixtures;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every rejection the issue lists, each with its exact reason; and the accepting paths. */
class BundleVerifierTest {

    @TempDir
    Path dir;

    private Signer signer;
    private Signer otherSigner;
    private Path artifact;
    private String digest;
    private VerifyPolicy policy;

    @BeforeEach
    void setUp() {
        signer = Signers.of(KeyGen.generate(KeyAlgorithm.ECDSA_P256));
        otherSigner = Signers.of(KeyGen.generate(KeyAlgorithm.ECDSA_P256));
        artifact = Fixtures.write(dir.resolve("hello.jar"), "hello jar content");
        digest = Fixtures.sha256(artifact);
        policy = VerifyPolicy.builder().keyring(Keyring.of(signer.publicKey())).requireHermetic(false).build();
    }

    private byte[] attest(String statement, Signer by) {
        return Attestor.attest(statement.getBytes(StandardCharsets.UTF_8), "test", by);
    }

    private byte[] bundle() {
        return attest(Fixtures.provenance("build/hello.jar", digest), signer);
    }

    private List<String> reasons(VerifyPolicy p, byte[] bundle, Path art) {
        return assertThrows(VerificationException.class,
                () -> new BundleVerifier(p).verify(bundle, Optional.ofNullable(art))).reasons();
    }

    private List<String> reasons(byte[] bundle) {
        return reasons(policy, bundle, artifact);
    }

    /** Rewrites the bundle JSON text. */
    private static byte[] edit(byte[] bundle, Function<String, String> f) {
        return f.apply(new String(bundle, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    private static String field(byte[] bundle, String name) {
        String json = new String(bundle, StandardCharsets.UTF_8);
        int at = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(at, json.indexOf('"', at));
    }

    private static byte[] flipInBase64Field(byte[] bundle, String name, int fromEnd) {
        String b64 = field(bundle, name);
        byte[] raw = Base64.getDecoder().decode(b64);
        raw[raw.length - fromEnd] ^= 0x01;
        return edit(bundle, s -> s.replace(b64, CanonicalBase64.encode(raw)));
    }

    @Test
    void acceptsAValidAttestationAndReportsWhatWasChecked() {
        VerificationResult r = new BundleVerifier(policy.toBuilder().builderIds(Set.of("https://ci.example.com/hermetic"))
                .sourceUri(Optional.of("https://git.example.com/app.git")).sourceCommit(Optional.of(Fixtures.COMMIT))
                .requireHermetic(true).build()).verify(bundle(), Optional.of(artifact));
        assertEquals("dsse", r.kind());
        assertEquals(signer.keyId(), r.keyId());
        assertEquals(Optional.of(digest), r.artifactSha256());
        assertEquals(List.of("build/hello.jar"), r.matchedSubjects());
        assertEquals(List.of("signature", "payloadType", "subject digest", "builder id", "source", "source commit",
                "hermetic"), r.checks());
    }

    @Test
    void aKnownSubjectDigestStandsForTheArtifact() {
        byte[] sha = java.util.HexFormat.of().parseHex(digest);
        VerificationResult r = new BundleVerifier(policy).verifySubject(bundle(), sha);
        assertEquals(List.of("build/hello.jar"), r.matchedSubjects());
        assertTrue(r.checks().contains("subject digest"), r.checks().toString());
        byte[] other = sha.clone();
        other[0] ^= 1;
        assertEquals(List.of("subject digest mismatch"), assertThrows(VerificationException.class,
                () -> new BundleVerifier(policy).verifySubject(bundle(), other)).reasons());
        assertEquals(List.of("signature invalid"), assertThrows(VerificationException.class,
                () -> new BundleVerifier(policy).verifySubject(flipInBase64Field(bundle(), "payload", 5), sha)).reasons());
        byte[] message = ArtifactSigner.sign(artifact, signer);
        assertEquals("message-signature", new BundleVerifier(policy).verifySubject(message, sha).kind());
        assertEquals(List.of("subject digest mismatch", "signature invalid"), assertThrows(VerificationException.class,
                () -> new BundleVerifier(policy).verifySubject(message, other)).reasons());
    }

    @Test
    void flippedByteInArtifact() throws Exception {
        byte[] b = bundle();
        byte[] content = Files.readAllBytes(artifact);
        content[3] ^= 1;
        Files.write(artifact, content);
        assertEquals(List.of("subject digest mismatch"), reasons(b));
    }

    @Test
    void flippedByteInPayload() {
        assertEquals(List.of("signature invalid"), reasons(flipInBase64Field(bundle(), "payload", 5)));
    }

    @Test
    void flippedByteInSignature() {
        assertEquals(List.of("signature invalid"), reasons(flipInBase64Field(bundle(), "sig", 1)));
        assertEquals(List.of("signature invalid"), reasons(flipInBase64Field(bundle(), "sig", 40)));
    }

    @Test
    void signatureByAnotherKey() {
        byte[] byOther = attest(Fixtures.provenance("build/hello.jar", digest), otherSigner);
        assertEquals(List.of("unknown key " + otherSigner.keyId()), reasons(byOther));
        // the same signature claiming to be by the trusted key
        byte[] relabelled = edit(byOther, s -> s.replace(otherSigner.keyId(), signer.keyId()));
        assertEquals(List.of("signature invalid"), reasons(relabelled));
    }

    @Test
    void bundleForArtifactAPresentedWithArtifactB() {
        Path b = Fixtures.write(dir.resolve("other.jar"), "another jar");
        assertEquals(List.of("subject digest mismatch"), reasons(policy, bundle(), b));
    }

    @Test
    void twoSubjectsMatchByDigestOnly() {
        Path other = Fixtures.write(dir.resolve("other.jar"), "another jar");
        Path third = Fixtures.write(dir.resolve("third.jar"), "third jar");
        byte[] b = attest(Fixtures.provenance("build/hello.jar", digest, "build/other.jar", Fixtures.sha256(other)), signer);
        assertEquals(List.of("build/other.jar"),
                new BundleVerifier(policy).verify(b, Optional.of(other)).matchedSubjects());
        // the subject's name plays no part: a file named like a subject but with other content fails
        Path renamed = Fixtures.write(dir.resolve("hello.jar"), "not the built content");
        assertEquals(List.of("subject digest mismatch"), reasons(policy, b, renamed));
        assertEquals(List.of("subject digest mismatch"), reasons(policy, b, third));
    }

    @Test
    void payloadTypeChanged() {
        byte[] b = edit(bundle(), s -> s.replace("\"application/vnd.in-toto+json\"", "\"application/json\""));
        assertEquals(List.of("payloadType application/json not in-toto", "signature invalid"), reasons(b));
        // signed as another type by the trusted key: still refused
        byte[] signedOther = Attestor.envelopeBundle("application/json",
                Fixtures.provenance("build/hello.jar", digest).getBytes(StandardCharsets.UTF_8), signer).toJsonBytes();
        assertEquals(List.of("payloadType application/json not in-toto"), reasons(signedOther));
    }

    @Test
    void duplicateJsonKeysInBundleAndInSignedPayload() {
        byte[] dupInBundle = edit(bundle(), s -> s.replaceFirst("\\{\"mediaType\":",
                "{\"mediaType\":\"x\",\"mediaType\":"));
        assertEquals(List.of("malformed bundle: $ at /mediaType: Duplicate field 'mediaType'"), reasons(dupInBundle));
        String statement = Fixtures.provenance("build/hello.jar", digest)
                .replace("\"predicateType\":", "\"predicateType\":\"https://example.com/other\",\"predicateType\":");
        byte[] signedDup = Attestor.envelopeBundle(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE,
                statement.getBytes(StandardCharsets.UTF_8), signer).toJsonBytes();
        assertEquals(List.of("malformed bundle: $.dsseEnvelope.payload at /predicateType: Duplicate field 'predicateType'"),
                reasons(signedDup));
    }

    @Test
    void nonCanonicalBase64() {
        String statement = Fixtures.provenance("build/hello.jar", digest);
        while (statement.length() % 3 == 0) {
            statement += " "; // a padded encoding has unused low bits in its last character
        }
        byte[] b = attest(statement, signer);
        String payload = field(b, "payload");
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        int last = payload.indexOf('=') - 1;
        char same = alphabet.charAt(alphabet.indexOf(payload.charAt(last)) ^ 1);
        String sneaky = payload.substring(0, last) + same + payload.substring(last + 1);
        assertEquals(java.util.Arrays.toString(Base64.getDecoder().decode(payload)),
                java.util.Arrays.toString(Base64.getDecoder().decode(sneaky)), "same bytes, other text");
        assertEquals(List.of("malformed bundle: $.dsseEnvelope.payload: non-canonical base64"),
                reasons(edit(b, s -> s.replace(payload, sneaky))));
    }

    @Test
    void emptySignatureList() {
        byte[] b = edit(bundle(), s -> s.replaceAll("\"signatures\":\\[[^\\]]*\\]", "\"signatures\":[]"));
        assertEquals(List.of("malformed bundle: $.dsseEnvelope.signatures: empty signature list"), reasons(b));
    }

    @Test
    void truncatedFile() throws Exception {
        byte[] b = bundle();
        Path file = dir.resolve("b.sigstore.json");
        Files.write(file, java.util.Arrays.copyOf(b, b.length / 2));
        List<String> r = assertThrows(VerificationException.class,
                () -> new BundleVerifier(policy).verify(file, Optional.of(artifact))).reasons();
        assertEquals(1, r.size());
        assertTrue(r.get(0).startsWith("malformed bundle: $ at /dsseEnvelope"), r.get(0));
        assertTrue(r.get(0).contains("Unexpected end-of-input"), r.get(0));
    }

    @Test
    void hundredMegabyteBundleIsRefusedUnread() throws Exception {
        Path huge = dir.resolve("huge.sigstore.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(100L * 1000 * 1000); // sparse: no disk blocks, never read
        }
        try {
            List<String> r = assertThrows(VerificationException.class,
                    () -> new BundleVerifier(policy).verify(huge, Optional.of(artifact))).reasons();
            assertEquals(List.of("malformed bundle: $: bundle " + huge + " is 100000000 bytes, over the limit of "
                    + StrictJson.MAX_FILE_BYTES + " bytes"), r);
        } finally {
            Files.delete(huge);
        }
    }

    @Test
    void revokedKeyRefusedEvenForOldSignaturesWithTheRevocationNamed() throws Exception {
        byte[] old = bundle();
        Path list = Fixtures.write(dir.resolve("revoked.txt"),
                "# revoked keys\n" + otherSigner.keyId() + "\n" + signer.keyId() + "  # laptop stolen 2026-11-01\n");
        VerifyPolicy p = policy.toBuilder().revoked(RevocationList.load(list)).build();
        assertEquals(List.of("key " + signer.keyId() + " revoked: laptop stolen 2026-11-01"), reasons(p, old, artifact));
        Path bad = Fixtures.write(dir.resolve("bad.txt"), "not-a-key-id\n");
        assertEquals("revocation list " + bad + " line 1: not a key id (64 lowercase hex digits): not-a-key-id",
                assertThrows(InputException.class, () -> RevocationList.load(bad)).getMessage());
    }

    @Test
    void keyringDirectoryTrustsSeveralKeysForRotation() throws Exception {
        Path ring = Files.createDirectory(dir.resolve("ring"));
        Files.writeString(ring.resolve("old.pub"), dev.hermeticbuild.sign.PemKeys.publicPem(otherSigner.publicKey()));
        Files.writeString(ring.resolve("new.pub"), dev.hermeticbuild.sign.PemKeys.publicPem(signer.publicKey()));
        Files.writeString(ring.resolve("README"), "not a key, ignored");
        VerifyPolicy p = VerifyPolicy.builder().keyring(Keyring.load(ring)).requireHermetic(false).build();
        assertEquals(signer.keyId(), new BundleVerifier(p).verify(bundle(), Optional.of(artifact)).keyId());
        byte[] byOld = attest(Fixtures.provenance("build/hello.jar", digest), otherSigner);
        assertEquals(otherSigner.keyId(), new BundleVerifier(p).verify(byOld, Optional.of(artifact)).keyId());
    }

    @Test
    void builderSourceCommitAndHermeticPoliciesNameWhatWasFound() {
        VerifyPolicy strict = policy.toBuilder().builderIds(Set.of("https://ci.example.com/other"))
                .sourceUri(Optional.of("git+https://git.example.com/fork.git")).sourceCommit(Optional.of("f".repeat(40)))
                .requireHermetic(true).build();
        byte[] devBuild = attest(Fixtures.provenance("dev", false, false, "2026-11-28T10:05:00Z",
                "build/hello.jar", digest), signer);
        assertEquals(List.of(
                "builder id https://ci.example.com/hermetic not allowed",
                "source git+https://git.example.com/app.git not allowed (expected git+https://git.example.com/fork.git)",
                "source commit " + Fixtures.COMMIT + " not allowed (expected " + "f".repeat(40) + ")",
                "not hermetic: tier dev is not release",
                "not hermetic: isolation.hermetic is false",
                "not hermetic: isolation.egressBlocked is false"), reasons(strict, devBuild, artifact));
        // git+ prefix optional on either side
        new BundleVerifier(policy.toBuilder().sourceUri(Optional.of("https://git.example.com/app.git")).build()).verify(bundle(), Optional.of(artifact));
        new BundleVerifier(policy.toBuilder().sourceUri(Optional.of("git+https://git.example.com/app.git")).build()).verify(bundle(), Optional.of(artifact));
    }

    @Test
    void maxAgeIsMeasuredFromFinishedOn() {
        Clock now = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
        VerifyPolicy day = policy.toBuilder().clock(now).maxAge(Optional.of(Duration.ofDays(1))).build();
        assertEquals(Optional.of(Instant.parse("2026-11-28T10:05:00Z")),
                new BundleVerifier(day).verify(bundle(), Optional.of(artifact)).finishedOn(), "a cache of this pass must end by it");
        VerifyPolicy hour = policy.toBuilder().clock(now).maxAge(Optional.of(Duration.ofHours(1))).build();
        assertEquals(List.of("statement too old: finished 2026-11-28T10:05:00Z, max age 1h"),
                reasons(hour, bundle(), artifact));
    }

    @Test
    void artifactIsRequiredUnlessThePolicyIsLoosened() {
        InputException e = assertThrows(InputException.class,
                () -> new BundleVerifier(policy).verify(bundle(), Optional.empty()));
        assertEquals("no artifact given: give the artifact the bundle covers (--artifact FILE), or allow checking the"
                + " signature and policy alone (--allow-no-artifact)", e.getMessage());
        VerificationResult r = new BundleVerifier(policy.toBuilder().artifactRequired(false).build()).verify(bundle(), Optional.empty());
        assertEquals(Optional.empty(), r.artifactSha256());
        assertFalse(r.checks().contains("subject digest"));
    }

    @Test
    void messageSignatureBundles() throws Exception {
        byte[] b = ArtifactSigner.sign(artifact, signer);
        assertEquals("message-signature", new BundleVerifier(policy).verify(b, Optional.of(artifact)).kind());
        Path other = Fixtures.write(dir.resolve("other.jar"), "another jar");
        assertEquals(List.of("subject digest mismatch", "signature invalid"), reasons(policy, b, other));
        assertEquals(List.of("signature invalid"), reasons(flipInBase64Field(b, "signature", 3)));
        assertEquals(List.of("provenance checks (builder id, source, commit, hermetic, max age) need an attestation"
                + " (DSSE) bundle, got a message signature"), reasons(policy.toBuilder().requireHermetic(true).build(), b, artifact));

        Signer ed = Signers.of(KeyGen.generate(KeyAlgorithm.ED25519));
        byte[] edBundle = ArtifactSigner.sign(artifact, ed);
        VerifyPolicy edPolicy = VerifyPolicy.builder().keyring(Keyring.of(ed.publicKey())).requireHermetic(false).build();
        assertEquals(ed.keyId(), new BundleVerifier(edPolicy).verify(edBundle, Optional.of(artifact)).keyId());
        assertEquals(List.of("subject digest mismatch", "signature invalid"), reasons(edPolicy, edBundle, other));
    }

    @Test
    void cacheAnswersRepeatedVerificationButNotPolicyOrRevocation() {
        VerifiedSignatureCache cache = new VerifiedSignatureCache(10);
        byte[] b = bundle();
        assertFalse(new BundleVerifier(policy, cache).verify(b, Optional.of(artifact)).signatureCached());
        assertTrue(new BundleVerifier(policy, cache).verify(b, Optional.of(artifact)).signatureCached());
        assertEquals(1, cache.size());
        RevocationList revoked = new RevocationList(java.util.Map.of(KeyId.of(signer.publicKey()), "rotated"));
        assertEquals(List.of("key " + signer.keyId() + " revoked: rotated"),
                assertThrows(VerificationException.class, () -> new BundleVerifier(policy.toBuilder().revoked(revoked).build(), cache)
                        .verify(b, Optional.of(artifact))).reasons());
        // a tampered signature is not found in the cache and fails
        assertEquals(List.of("signature invalid"), assertThrows(VerificationException.class,
                () -> new BundleVerifier(policy, cache).verify(flipInBase64Field(b, "sig", 2), Optional.of(artifact))).reasons());
    }

    @Test
    void unknownFieldsAndWrongMediaTypeAreMalformed() {
        assertEquals(List.of("malformed bundle: $.extra: unknown field"),
                reasons(edit(bundle(), s -> s.replaceFirst("\\{", "{\"extra\":1,"))));
        assertEquals(List.of("malformed bundle: $.mediaType: unsupported media type application/vnd.dev.sigstore.bundle+json;version=0.1"
                        + " (expected application/vnd.dev.sigstore.bundle.v0.3+json)"),
                reasons(edit(bundle(), s -> s.replace("application/vnd.dev.sigstore.bundle.v0.3+json",
                        "application/vnd.dev.sigstore.bundle+json;version=0.1"))));
    }
}
