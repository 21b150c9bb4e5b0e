package dev.hermeticbuild.sign.keyless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.sign.KeyAlgorithm;
import dev.hermeticbuild.sign.KeyGen;
import dev.hermeticbuild.sign.PassphraseSource;
import dev.hermeticbuild.sign.SigningException;
import dev.hermeticbuild.testing.Fixtures;
import dev.hermeticbuild.testing.TestCerts;
import dev.hermeticbuild.verify.BundleVerifier;
import dev.hermeticbuild.verify.KeylessTrust;
import dev.hermeticbuild.verify.Keyring;
import dev.hermeticbuild.verify.VerificationException;
import dev.hermeticbuild.verify.VerifyPolicy;
import dev.sigstore.trustroot.SigstoreSigningConfig;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What of keyless signing can be tested offline: configuration checks, that sigstore-java
 * accepts the signing configuration we generate, that a signing attempt against unreachable
 * services fails with a clear error, and that keyless bundles are routed to sigstore-java and
 * refused when they do not chain to the trusted root. An end-to-end keyless signature needs
 * Fulcio, Rekor and an OIDC provider, none of which is reachable here.
 */
class KeylessTest {

    @TempDir
    Path dir;

    private Path trustedRoot() {
        return Fixtures.write(dir.resolve("trusted_root.json"),
                "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\","
                        + "\"tlogs\":[],\"certificateAuthorities\":[],\"ctlogs\":[],\"timestampAuthorities\":[]}");
    }

    private PassphraseSource token() {
        return PassphraseSource.file(Fixtures.write(dir.resolve("token"), "eyJhbGciOiJub25lIn0.e30.\n"));
    }

    @Test
    void unconfiguredKeylessSigningNamesEveryMissingOption() {
        InputException e = assertThrows(InputException.class,
                () -> KeylessConfig.of(null, null, null, PassphraseSource.none()));
        assertEquals("keyless signing is not configured: missing --fulcio-url, --rekor-url, --trusted-root,"
                + " --oidc-token-env or --oidc-token-file", e.getMessage());
        InputException token = assertThrows(InputException.class,
                () -> KeylessConfig.of("https://fulcio.example.com", "https://rekor.example.com", trustedRoot(),
                        PassphraseSource.none()));
        assertEquals("keyless signing is not configured: missing --oidc-token-env or --oidc-token-file", token.getMessage());
    }

    @Test
    void urlsMustBeHttpsExceptOnLoopback() {
        InputException e = assertThrows(InputException.class,
                () -> KeylessConfig.of("http://fulcio.example.com", "https://rekor.example.com", trustedRoot(), token()));
        assertEquals("--fulcio-url http://fulcio.example.com: must be an https URL (http only on a loopback host)",
                e.getMessage());
        KeylessConfig.of("http://127.0.0.1:5555", "http://localhost:3000", trustedRoot(), token());
        InputException root = assertThrows(InputException.class, () -> KeylessConfig.of("https://f.example",
                "https://r.example", dir.resolve("missing.json"), token()));
        assertEquals("--trusted-root " + dir.resolve("missing.json") + ": no such file", root.getMessage());
    }

    @Test
    void sigstoreJavaAcceptsTheGeneratedSigningConfig() throws Exception {
        KeylessConfig c = KeylessConfig.of("https://fulcio.example.com", "https://rekor.example.com", trustedRoot(), token());
        SigstoreSigningConfig parsed = SigstoreSigningConfig.from(new ByteArrayInputStream(c.signingConfigJson()));
        assertEquals("https://fulcio.example.com", parsed.getCas().get(0).getUrl().toString());
        assertEquals("https://rekor.example.com", parsed.getTLogs().get(0).getUrl().toString());
    }

    @Test
    void signingAgainstUnreachableServicesFailsWithAClearError() {
        Path artifact = Fixtures.write(dir.resolve("a.jar"), "a");
        Path statement = Fixtures.write(dir.resolve("s.json"), Fixtures.provenance("a.jar", Fixtures.sha256(artifact)));
        // port 1 on loopback: nothing listens, the connection is refused at once
        KeylessConfig c = KeylessConfig.of("http://127.0.0.1:1", "http://127.0.0.1:1", trustedRoot(), token());
        SigningException e = assertThrows(SigningException.class, () -> KeylessSigning.attest(statement, c));
        assertTrue(e.getMessage().startsWith("keyless signing with Fulcio http://127.0.0.1:1 and Rekor http://127.0.0.1:1 failed: "),
                e.getMessage());
        InputException bad = assertThrows(InputException.class,
                () -> KeylessSigning.attest(Fixtures.write(dir.resolve("bad.json"), "{}"), c));
        assertEquals("statement " + dir.resolve("bad.json") + " is not a valid in-toto statement: $._type: missing",
                bad.getMessage());
    }

    /** A bundle shaped like a keyless one, but its certificate is self-made: it must not pass. */
    private byte[] forgedKeylessBundle(Path artifact, String tlogEntries) throws Exception {
        KeyPair pair = KeyGen.generate(KeyAlgorithm.ECDSA_P256);
        String cert = Base64.getEncoder().encodeToString(
                TestCerts.certificate(pair.getPublic(), pair.getPrivate(), "forger").getEncoded());
        byte[] content = java.nio.file.Files.readAllBytes(artifact);
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(pair.getPrivate());
        s.update(content);
        String digest = Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        return ("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{"
                + "\"certificate\":{\"rawBytes\":\"" + cert + "\"},\"tlogEntries\":[" + tlogEntries + "]},"
                + "\"messageSignature\":{\"messageDigest\":{\"algorithm\":\"SHA2_256\",\"digest\":\"" + digest + "\"},"
                + "\"signature\":\"" + Base64.getEncoder().encodeToString(s.sign()) + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keylessBundlesAreRefusedWithoutTrustAndWhenTheyDoNotChain() throws Exception {
        Path artifact = Fixtures.write(dir.resolve("a.jar"), "a");
        String fakeEntry = "{\"logIndex\":\"1\",\"logId\":{\"keyId\":\"" + Base64.getEncoder().encodeToString(new byte[32])
                + "\"},\"kindVersion\":{\"kind\":\"hashedrekord\",\"version\":\"0.0.1\"},\"integratedTime\":\"1700000000\","
                + "\"inclusionPromise\":{\"signedEntryTimestamp\":\"" + Base64.getEncoder().encodeToString(new byte[64])
                + "\"},\"inclusionProof\":{\"logIndex\":\"1\",\"rootHash\":\"" + Base64.getEncoder().encodeToString(new byte[32])
                + "\",\"treeSize\":\"2\",\"hashes\":[\"" + Base64.getEncoder().encodeToString(new byte[32])
                + "\"],\"checkpoint\":{\"envelope\":\"rekor.example.com - 1\\n2\\nAAAA\\n\"}}"
                + ",\"canonicalizedBody\":\"" + Base64.getEncoder().encodeToString("{}".getBytes(StandardCharsets.UTF_8)) + "\"}";
        byte[] bundle = forgedKeylessBundle(artifact, fakeEntry);
        VerifyPolicy keysOnly = VerifyPolicy.builder().keyring(Keyring.of(KeyGen.generate(KeyAlgorithm.ECDSA_P256).getPublic())).requireHermetic(false).build();
        List<String> untrusted = assertThrows(VerificationException.class,
                () -> new BundleVerifier(keysOnly).verify(bundle, Optional.of(artifact))).reasons();
        assertEquals(List.of("keyless bundle (Fulcio certificate): no trusted root configured to verify it"
                + " (--trusted-root, --certificate-identity, --certificate-oidc-issuer)"), untrusted);

        VerifyPolicy keyless = VerifyPolicy.builder().keyring(Keyring.none()).requireHermetic(false)
                .keyless(Optional.of(new KeylessTrust(trustedRoot(), "builder@example.com", "https://issuer.example.com"))).build();
        List<String> refused = assertThrows(VerificationException.class,
                () -> new BundleVerifier(keyless).verify(bundle, Optional.of(artifact))).reasons();
        assertEquals(1, refused.size());
        assertTrue(refused.get(0).startsWith("keyless verification failed: "), refused.get(0));

        List<String> noLog = assertThrows(VerificationException.class,
                () -> new BundleVerifier(keyless).verify(forgedKeylessBundle(artifact, ""), Optional.of(artifact))).reasons();
        assertEquals(List.of("malformed bundle: $: keyless bundle not readable by sigstore-java"
                + " (Could not find any tlog entries in bundle json)"), noLog);
    }

    @Test
    void keylessTrustNeedsAnIdentityAndAnIssuer() {
        assertEquals("keyless verification needs --certificate-identity (the signer's SAN)",
                assertThrows(InputException.class, () -> new KeylessTrust(trustedRoot(), "", "https://i")).getMessage());
        assertEquals("keyless verification needs --certificate-oidc-issuer",
                assertThrows(InputException.class, () -> new KeylessTrust(trustedRoot(), "me", null)).getMessage());
    }
}
