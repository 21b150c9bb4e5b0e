package dev.hermeticbuild.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.provenance.CiProvenance;
import dev.hermeticbuild.provenance.ResourceDescriptor;
import dev.hermeticbuild.report.BundleSummary;
import dev.hermeticbuild.sign.ArtifactSigner;
import dev.hermeticbuild.sign.Attestor;
import dev.hermeticbuild.sign.KeyAlgorithm;
import dev.hermeticbuild.sign.KeyGen;
import dev.hermeticbuild.sign.PassphraseSource;
import dev.hermeticbuild.sign.PemKeys;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.sign.Signers;
import dev.hermeticbuild.verify.BundleVerifier;
import dev.hermeticbuild.verify.Keyring;
import dev.hermeticbuild.verify.VerificationException;
import dev.hermeticbuild.verify.VerificationResult;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller side of signArtifact, attest and verifyArtifact over core types: a PEM key as a
 * credential holds it, artifacts digested from the controller's own copy, the CI statement built
 * from what the build recorded, and the digest check when verifying.
 */
class ControllerSigningTest {

    static final CiProvenance.Invocation INV = new CiProvenance.Invocation("https://jenkins.example.com/",
            "https://jenkins.example.com/job/app/7/", "app", 7, Optional.of("https://git.example.com/hello.git"),
            Optional.of("0123456789abcdef0123456789abcdef01234567"), Instant.parse("2026-11-28T10:00:00Z"));

    static Signer credentialSigner(KeyPair pair) {
        byte[] pem = PemKeys.privatePem(pair.getPrivate(), Optional.empty()).getBytes(StandardCharsets.UTF_8);
        return Signers.fromPem(pem, "credential release-signing-key", PassphraseSource.none());
    }

    @Test
    void attestationOverTheRunnersOutputsPassesAStrictHermeticPolicy(@TempDir Path dir) throws Exception {
        ProvenanceAction action = ProvenanceTabTest.actionWithFixture(dir);
        KeyPair pair = KeyGen.generate(KeyAlgorithm.ECDSA_P256);
        Signer signer = credentialSigner(pair);
        // The artifact as the controller fetched it: here, bytes whose digest the runner recorded are not at hand,
        // so the subject carries the runner's digest and the verification uses allowingNoArtifact.
        byte[] statement = Signing.statement(INV,
                List.of(ResourceDescriptor.subject("build/hello.jar", ProvenanceTabTest.HELLO)), action);
        byte[] bundle = Attestor.attest(statement, "attestation", signer);
        assertEquals(new BundleSummary("attestation", signer.keyId(), Optional.empty()), BundleSummary.of(bundle, "b"));
        Keyring trusted = Keyring.fromPem(PemKeys.publicPem(pair.getPublic()), "credential release-public-key");
        VerifyPolicy policy = VerifyPolicy.builder().keyring(trusted)
                .builderIds(Set.of("https://jenkins.example.com/")).artifactRequired(false).build();
        VerificationResult r = new BundleVerifier(policy).verify(bundle, Optional.empty());
        assertEquals(signer.keyId(), r.keyId());
        assertTrue(r.checks().contains("builder id"), r.checks().toString());
    }

    @Test
    void signatureOfTheControllersCopyVerifiesAndATamperedCopyDoesNot(@TempDir Path dir) throws Exception {
        Path fetched = Files.writeString(dir.resolve("artifact-1.tmp"), "app 1.0");
        Signer signer = credentialSigner(KeyGen.generate(KeyAlgorithm.ED25519));
        byte[] bundle = ArtifactSigner.sign(fetched, signer);
        VerifyPolicy policy = VerifyPolicy.builder().keyring(Keyring.of(signer.publicKey())).requireHermetic(false).build();
        VerificationResult ok = new BundleVerifier(policy).verify(bundle, Optional.of(fetched));
        Map<String, Object> returned = Verification.result(ok);
        assertEquals(Sha256.ofFile(fetched), returned.get("sha256"));
        assertEquals(signer.keyId(), returned.get("keyId"));

        Files.writeString(fetched, "app 1.0 with a backdoor");
        VerificationException e = assertThrows(VerificationException.class,
                () -> new BundleVerifier(policy).verify(bundle, Optional.of(fetched)));
        assertTrue(e.reasons().contains("subject digest mismatch"), e.reasons().toString());
    }

    @Test
    void aPublicKeyCredentialUsedForSigningIsNamed() {
        KeyPair pair = KeyGen.generate(KeyAlgorithm.ECDSA_P256);
        byte[] pub = PemKeys.publicPem(pair.getPublic()).getBytes(StandardCharsets.UTF_8);
        assertEquals("credential release-public-key holds a public key, not a private key",
                assertThrows(InputException.class, () -> Signers.fromPem(pub, "credential release-public-key",
                        PassphraseSource.none())).getMessage());
    }

    @Test
    void relativeWorkspacePaths() {
        assertEquals("dist/app.tar.gz", Workspaces.relative("/ws", "/ws/dist/app.tar.gz"));
        assertEquals("dist/app.tar.gz", Workspaces.relative("C:\\ws", "C:\\ws\\dist\\app.tar.gz"));
    }
}
