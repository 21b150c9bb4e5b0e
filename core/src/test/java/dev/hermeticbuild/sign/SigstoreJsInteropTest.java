package dev.hermeticbuild.sign;

import dev.hermeticbuild.testing.Tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.testing.Cmd;
import dev.hermeticbuild.testing.Fixtures;
import dev.hermeticbuild.testing.SigstoreJs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our bundles verified by an independent implementation: sigstore-js on Node. Each accepting
 * case has a tampered twin that sigstore-js must reject, so the harness itself can fail.
 */
class SigstoreJsInteropTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void nodeInstalled() {
        Tools.require("node/npm", SigstoreJs.available(), "the sigstore-js interop test runs @sigstore/verify under Node.js");
    }

    private Path keypair(KeyAlgorithm algorithm, String name) {
        KeyGen.generate(algorithm, dir.resolve(name + ".pem"), dir.resolve(name + ".pub"), PassphraseSource.none());
        return dir.resolve(name + ".pem");
    }

    private void assertVerified(Cmd.Result r) {
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("VERIFIED"), r.output());
    }

    private void assertRejected(Cmd.Result r, String why) {
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains(why), r.output());
    }

    private Path attest(KeyAlgorithm algorithm, String name) throws Exception {
        Path key = keypair(algorithm, name);
        Path artifact = Fixtures.write(dir.resolve("hello.jar"), "hello jar");
        Path statement = Fixtures.write(dir.resolve("provenance.json"),
                Fixtures.provenance("build/hello.jar", Fixtures.sha256(artifact)));
        Path bundle = dir.resolve(name + ".sigstore.json");
        Files.write(bundle, Attestor.attest(statement, Signers.fromFile(key, PassphraseSource.none())));
        return bundle;
    }

    @Test
    void ecdsaDsseBundleVerifiesAndTamperedPayloadDoesNot() throws Exception {
        Path bundle = attest(KeyAlgorithm.ECDSA_P256, "ec");
        assertVerified(SigstoreJs.verify(dir.resolve("ec.pub"), bundle, null));

        String json = Files.readString(bundle);
        String payload = json.replaceAll(".*\"payload\":\"([^\"]+)\".*\\s*", "$1");
        byte[] statement = java.util.Base64.getDecoder().decode(payload);
        statement[statement.length - 2] ^= 1;
        Path tampered = Fixtures.write(dir.resolve("tampered.json"),
                json.replace(payload, java.util.Base64.getEncoder().encodeToString(statement)));
        assertRejected(SigstoreJs.verify(dir.resolve("ec.pub"), tampered, null), "SIGNATURE_ERROR");
    }

    @Test
    void ed25519DsseBundleVerifies() throws Exception {
        Path bundle = attest(KeyAlgorithm.ED25519, "ed");
        assertVerified(SigstoreJs.verify(dir.resolve("ed.pub"), bundle, null));
        keypair(KeyAlgorithm.ED25519, "other");
        assertRejected(SigstoreJs.verify(dir.resolve("other.pub"), bundle, null), "unknown key hint");
    }

    @Test
    void ecdsaMessageSignatureVerifiesForItsArtifactOnly() throws Exception {
        Path key = keypair(KeyAlgorithm.ECDSA_P256, "ec");
        Path artifact = Fixtures.write(dir.resolve("app.jar"), "the artifact bytes");
        Path bundle = ArtifactSigner.signTo(artifact, Signers.fromFile(key, PassphraseSource.none()));
        assertEquals(dir.resolve("app.jar.sigstore.json"), bundle);
        assertVerified(SigstoreJs.verify(dir.resolve("ec.pub"), bundle, artifact));
        Path other = Fixtures.write(dir.resolve("other.jar"), "the artifact byteS");
        Cmd.Result r = SigstoreJs.verify(dir.resolve("ec.pub"), bundle, other);
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("REJECTED"), r.output());
        assertTrue(new String(Files.readAllBytes(bundle), StandardCharsets.UTF_8)
                .contains("\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\""));
    }
}
