package dev.hermeticbuild.sign;

import dev.hermeticbuild.testing.Tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.testing.SoftHsm;
import dev.hermeticbuild.verify.BundleVerifier;
import dev.hermeticbuild.verify.Keyring;
import dev.hermeticbuild.verify.VerificationResult;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing with a key that never leaves a (SoftHSM2) token, through SunPKCS11. */
class Pkcs11SignerTest {

    private static SoftHsm hsm;

    @TempDir
    Path dir;

    @BeforeAll
    static void token() {
        Tools.require("softhsm2", SoftHsm.installed(), "the PKCS#11 tests sign with a real SoftHSM2 token (apt-get install softhsm2 opensc)");
        hsm = SoftHsm.create("release-key");
    }

    private String keyArg() {
        return "pkcs11:config=" + hsm.sunPkcs11Config() + ";alias=" + hsm.alias();
    }

    private Path pinFile(String pin) throws Exception {
        Path f = dir.resolve("pin");
        Files.writeString(f, pin + "\n");
        return f;
    }

    @Test
    void signsAttestationsAndArtifactsThatVerifyWithTheTokensPublicKey() throws Exception {
        Signer signer = Signers.open(keyArg(), PassphraseSource.file(pinFile(hsm.pin())));
        var tokenKey = PemKeys.publicKey(Files.readAllBytes(hsm.publicKeyDer()), "token");
        assertEquals(KeyId.of(tokenKey), signer.keyId());
        assertEquals(KeyAlgorithm.ECDSA_P256, signer.algorithm());

        Path artifact = dir.resolve("hello.jar");
        Files.writeString(artifact, "hello");
        Path statement = dir.resolve("provenance.json");
        Files.writeString(statement, "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"hello.jar\","
                + "\"digest\":{\"sha256\":\"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\"}}],"
                + "\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{}}");
        BundleVerifier verifier = new BundleVerifier(VerifyPolicy.builder().keyring(Keyring.of(tokenKey)).requireHermetic(false).build());
        VerificationResult dsse = verifier.verify(Attestor.attest(statement, signer), Optional.of(artifact));
        assertEquals(signer.keyId(), dsse.keyId());
        VerificationResult message = verifier.verify(ArtifactSigner.sign(artifact, signer), Optional.of(artifact));
        assertEquals("message-signature", message.kind());
    }

    @Test
    void wrongPinAndUnknownAliasAreNamed() throws Exception {
        InputException pin = assertThrows(InputException.class,
                () -> Signers.open(keyArg(), PassphraseSource.file(pinFile("9999"))));
        assertTrue(pin.getMessage().contains("login failed") && pin.getMessage().contains("wrong PIN?"), pin.getMessage());
        InputException alias = assertThrows(InputException.class, () -> Signers.open(
                "pkcs11:config=" + hsm.sunPkcs11Config() + ";alias=nope", PassphraseSource.file(pinFile(hsm.pin()))));
        assertTrue(alias.getMessage().contains("no private key with a certificate under alias 'nope' (aliases: [release-key])"),
                alias.getMessage());
    }

    @Test
    void keyReferenceSyntaxErrorsNameTheBadPart() {
        assertEquals("--key pkcs11:config=/x: missing 'alias=' (form: pkcs11:config=/path/pkcs11.cfg;alias=LABEL)",
                assertThrows(InputException.class, () -> Pkcs11KeyRef.parse("pkcs11:config=/x")).getMessage());
        assertEquals("--key pkcs11:config=/x;pin=1: unknown attribute 'pin' (known: config, alias)",
                assertThrows(InputException.class, () -> Pkcs11KeyRef.parse("pkcs11:config=/x;pin=1")).getMessage());
        assertEquals(new Pkcs11KeyRef(Path.of("/a/b.cfg"), "k"), Pkcs11KeyRef.parse("pkcs11:config=/a/b.cfg;alias=k"));
    }
}
