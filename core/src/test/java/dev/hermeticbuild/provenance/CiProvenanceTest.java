package dev.hermeticbuild.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.sign.Attestor;
import dev.hermeticbuild.sign.KeyAlgorithm;
import dev.hermeticbuild.sign.KeyGen;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.sign.Signers;
import dev.hermeticbuild.verify.BundleVerifier;
import dev.hermeticbuild.verify.Keyring;
import dev.hermeticbuild.verify.VerificationException;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiProvenanceTest {

    static final String HELLO = "5123b679aa1fc82a63328b4f7761b14d85f668d595e5331c3ed53d45e3658dd4";
    static final CiProvenance.Invocation INV = new CiProvenance.Invocation("https://jenkins.example.com/",
            "https://jenkins.example.com/job/app/7/", "app", 7, Optional.of("https://git.example.com/hello.git"),
            Optional.of("0123456789abcdef0123456789abcdef01234567"), Instant.parse("2026-11-28T10:00:00Z"));

    static CiProvenance.RunnerStatement runner() throws Exception {
        try (InputStream in = ProvenanceSummary.class.getResourceAsStream("hello-release.provenance.json")) {
            byte[] bytes = in.readAllBytes();
            return new CiProvenance.RunnerStatement(ProvenanceSummary.of(bytes, "runner"), "ff");
        }
    }

    @Test
    void recordsWhatTheControllerSawAndCarriesTheRunnersMeasurement(@TempDir Path dir) throws Exception {
        Statement st = CiProvenance.statement(INV, List.of(ResourceDescriptor.subject("build/hello.jar", HELLO)),
                List.of(runner()), Instant.parse("2026-11-28T10:05:00Z"));
        JsonNode p = ProvenanceJson.mapper().valueToTree(st).path("predicate");
        JsonNode ext = p.path("buildDefinition").path("externalParameters");
        assertEquals("app", ext.path("job").asText());
        assertEquals(7, ext.path("buildNumber").asInt());
        assertEquals("https://git.example.com/hello.git", ext.path("scmUrl").asText());
        assertEquals("release", ext.path("tier").asText());
        assertTrue(p.path("buildDefinition").path("internalParameters").path("isolation").path("hermetic").asBoolean());
        assertEquals("https://jenkins.example.com/job/app/7/", p.path("runDetails").path("metadata").path("invocationId").asText());

        // Signed with core's Attestor, it passes a strict policy that requires hermetic, builder and source.
        Signer signer = Signers.of(KeyGen.generate(KeyAlgorithm.ECDSA_P256));
        byte[] bundle = Attestor.attest(ProvenanceJson.toBytes(st), "ci statement", signer);
        Path artifact = dir.resolve("hello.jar");
        Files.write(artifact, new byte[0]);
        VerifyPolicy policy = VerifyPolicy.builder().keyring(Keyring.of(signer.publicKey()))
                .builderIds(Set.of("https://jenkins.example.com/")).sourceUri(Optional.of("https://git.example.com/hello.git"))
                .artifactRequired(false).build();
        assertEquals(signer.keyId(), new BundleVerifier(policy).verify(bundle, Optional.empty()).keyId());
    }

    @Test
    void aSubjectNoRunnerCoveredCannotBorrowAHermeticClaim() throws Exception {
        Statement st = CiProvenance.statement(INV, List.of(ResourceDescriptor.subject("build/hello.jar", HELLO),
                ResourceDescriptor.subject("other.jar", "00".repeat(32))), List.of(runner()), Instant.now());
        JsonNode def = ProvenanceJson.mapper().valueToTree(st).path("predicate").path("buildDefinition");
        assertFalse(def.path("externalParameters").has("tier"));
        assertFalse(def.path("internalParameters").has("isolation"));
        Signer signer = Signers.of(KeyGen.generate(KeyAlgorithm.ED25519));
        byte[] bundle = Attestor.attest(ProvenanceJson.toBytes(st), "ci statement", signer);
        VerifyPolicy policy = VerifyPolicy.builder().keyring(Keyring.of(signer.publicKey())).artifactRequired(false).build();
        VerificationException e = org.junit.jupiter.api.Assertions.assertThrows(VerificationException.class,
                () -> new BundleVerifier(policy).verify(bundle, Optional.empty()));
        assertFalse(e.reasons().isEmpty());
    }

    @Test
    void theBuilderIdIsConfiguredOrTheControllersUrl() {
        assertEquals("https://b/", CiProvenance.builderId(" https://b/ ", "https://j/"));
        assertEquals("https://j/", CiProvenance.builderId("", "https://j/"));
        String message = org.junit.jupiter.api.Assertions.assertThrows(dev.hermeticbuild.InputException.class,
                () -> CiProvenance.builderId(null, " ")).getMessage();
        assertTrue(message.contains("Manage Jenkins → System → Jenkins Location → Jenkins URL"), message);
        assertTrue(message.contains("Hermetic build → Builder id"), message);
    }
}
