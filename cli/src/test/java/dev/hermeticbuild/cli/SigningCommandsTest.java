package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keygen, attest, sign and verify end to end through the command line, in-process. */
class SigningCommandsTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HermeticCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        Run r = new Run(exit, out.toString(), err.toString());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "stack trace printed: " + r.err());
        return r;
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    private Path statement(Path artifact, String tier) throws Exception {
        return Files.writeString(dir.resolve("provenance.json"), "{\"_type\":\"https://in-toto.io/Statement/v1\","
                + "\"subject\":[{\"name\":\"build/hello.jar\",\"digest\":{\"sha256\":\"" + sha256(artifact) + "\"}}],"
                + "\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{\"buildDefinition\":{"
                + "\"buildType\":\"https://hermetic-build.dev/build/v1\",\"externalParameters\":{\"tier\":\"" + tier + "\"},"
                + "\"internalParameters\":{\"isolation\":{\"hermetic\":true,\"egressBlocked\":true}},"
                + "\"resolvedDependencies\":[{\"name\":\"source\",\"uri\":\"git+https://git.example.com/app.git\","
                + "\"digest\":{\"gitCommit\":\"0123456789abcdef0123456789abcdef01234567\"}}]},"
                + "\"runDetails\":{\"builder\":{\"id\":\"https://ci.example.com/hermetic\"},"
                + "\"metadata\":{\"startedOn\":\"2026-11-28T10:00:00Z\",\"finishedOn\":\"2026-11-28T10:05:00Z\"}}}}");
    }

    /**
     * An image layout is signed and verified as its image (the manifest's digest); the layout is
     * verified first, so a changed layer is refused, as is a directory that is not a layout and a
     * file's bundle offered for the image.
     */
    @Test
    void anImageLayoutIsSignedAndVerifiedAsItsManifest() throws Exception {
        assertEquals(0, run("keygen", "--key", p("release.pem"), "--pub", p("release.pub")).exit());
        String manifest = dev.hermeticbuild.image.LayoutFixture.single(dir.resolve("image"), "hello").manifests().get(0);
        Run sign = run("sign", "--key", p("release.pem"), p("image"), "--json");
        assertEquals(0, sign.exit(), sign.err());
        com.fasterxml.jackson.databind.JsonNode written = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sign.out())
                .path("result").path("bundles").get(0);
        assertEquals(manifest, written.path("sha256").asText());
        assertTrue(written.path("image").asBoolean());
        Run verify = run("verify", "--pub", p("release.pub"), "--bundle", p("image.sigstore.json"), "--artifact", p("image"), "--json");
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        com.fasterxml.jackson.databind.JsonNode verified = new com.fasterxml.jackson.databind.ObjectMapper().readTree(verify.out()).path("result");
        assertEquals(manifest, verified.path("artifactSha256").asText());
        assertTrue(verified.path("image").asBoolean());

        Files.writeString(dir.resolve("notes.txt"), "notes");
        assertEquals(0, run("sign", "--key", p("release.pem"), p("notes.txt")).exit());
        Run fileBundle = run("verify", "--pub", p("release.pub"), "--bundle", p("notes.txt.sigstore.json"), "--artifact", p("image"));
        assertEquals(1, fileBundle.exit(), "a file's signature is not the image's: " + fileBundle.out());

        Files.createDirectories(dir.resolve("plain"));
        Run notLayout = run("verify", "--pub", p("release.pub"), "--bundle", p("image.sigstore.json"), "--artifact", p("plain"));
        assertEquals(2, notLayout.exit());
        assertTrue(notLayout.err().contains("--artifact " + p("plain") + " is a directory, but not an OCI image layout (it has no oci-layout)"),
                notLayout.err());
        Run signPlain = run("sign", "--key", p("release.pem"), p("plain"));
        assertEquals(2, signPlain.exit());
        assertTrue(signPlain.err().contains(p("plain") + " is a directory, but not an OCI image layout"), signPlain.err());

        dev.hermeticbuild.image.LayoutFixture.single(dir.resolve("two"), "hello");
        Path twoIndex = dir.resolve("two").resolve(dev.hermeticbuild.image.OciLayout.INDEX_FILE);
        String index = Files.readString(twoIndex);
        String entry = index.substring(index.indexOf('[') + 1, index.lastIndexOf(']'));
        Files.writeString(twoIndex, index.replace(entry, entry + "," + entry.replace("}", ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"two\"}}")));
        for (String[] args : List.of(new String[] {"verify", "--pub", p("release.pub"), "--bundle", p("image.sigstore.json"), "--artifact", p("two")},
                new String[] {"sign", "--key", p("release.pem"), p("two")})) {
            Run several = run(args);
            assertEquals(2, several.exit(), args[0] + ": " + several.out());
            assertTrue(several.err().contains("image " + p("two") + ": the layout's index.json lists 2 images, and a signature stands for one"),
                    args[0] + ": " + several.err());
        }

        String layerOfImage = dev.hermeticbuild.image.OciLayout.read(dir.resolve("image")).manifests().get(0).layers().get(0).sha256();
        Files.write(dir.resolve("image/blobs/sha256/" + layerOfImage), "changed".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Run changed = run("verify", "--pub", p("release.pub"), "--bundle", p("image.sigstore.json"), "--artifact", p("image"));
        assertEquals(2, changed.exit(), "the layout is verified before its manifest stands for it: " + changed.out());
        assertTrue(changed.err().contains(layerOfImage), changed.err());
    }

    @Test
    void keygenAttestVerifyWithPolicy() throws Exception {
        Run keygen = run("keygen", "--key", p("release.pem"), "--algorithm", "ed25519");
        assertEquals(0, keygen.exit(), keygen.err());
        assertTrue(Files.exists(dir.resolve("release.pub")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("release.pem"))));
        Run again = run("keygen", "--key", p("release.pem"));
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("refusing to overwrite existing file"), again.err());

        Path jar = Files.writeString(dir.resolve("hello.jar"), "jar bytes");
        Path stmt = statement(jar, "release");
        Run attest = run("attest", "--key", p("release.pem"), "--statement", stmt.toString(), "--out", p("hello.jar.sigstore.json"));
        assertEquals(0, attest.exit(), attest.err());

        Run ok = run("verify", "--pub", p("release.pub"), "--bundle", p("hello.jar.sigstore.json"), "--artifact", jar.toString(),
                "--builder-id", "https://ci.example.com/hermetic", "--source", "https://git.example.com/app.git",
                "--commit", "0123456789abcdef0123456789abcdef01234567", "--require-hermetic", "--max-age", "36500d", "--json");
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        JsonNode json = JsonOutputSchema.result(ok.exit(), ok.out(), ok.err());
        assertTrue(json.get("verified").asBoolean());
        assertEquals("build/hello.jar", json.get("matchedSubjects").get(0).asText());
        assertEquals("[\"signature\",\"payloadType\",\"subject digest\",\"builder id\",\"source\",\"source commit\","
                + "\"hermetic\",\"max age\"]", json.get("checks").toString());
    }

    @Test
    void rejectionsPrintEachReasonAndExitOne() throws Exception {
        run("keygen", "--key", p("k.pem"));
        run("keygen", "--key", p("other.pem"));
        Path jar = Files.writeString(dir.resolve("hello.jar"), "jar bytes");
        Path stmt = statement(jar, "dev");
        assertEquals(0, run("attest", "--key", p("k.pem"), "--statement", stmt.toString()).exit());
        Path bundle = dir.resolve("provenance.json.sigstore.json");
        assertTrue(Files.exists(bundle));

        Run policy = run("verify", "--pub", p("k.pub"), "--bundle", bundle.toString(), "--artifact", jar.toString(),
                "--builder-id", "https://evil.example.com", "--require-hermetic");
        assertEquals(1, policy.exit());
        assertTrue(policy.err().contains("  - builder id https://ci.example.com/hermetic not allowed\n"), policy.err());
        assertTrue(policy.err().contains("  - not hermetic: tier dev is not release\n"), policy.err());

        Run otherKey = run("verify", "--pub", p("other.pub"), "--bundle", bundle.toString(), "--artifact", jar.toString(), "--json");
        assertEquals(1, otherKey.exit());
        JsonNode json = JsonOutputSchema.result(otherKey.exit(), otherKey.out(), otherKey.err());
        assertFalse(json.get("verified").asBoolean());
        assertTrue(json.get("reasons").get(0).asText().startsWith("unknown key "), json.toString());
        assertEquals("unknown-key", json.get("failures").get(0).get("code").asText(), json.toString());
        assertEquals("trusted key ids: " + keyIdOf("other.pub"), json.get("failures").get(0).get("detail").asText());

        Path stranger = dir.resolve("stranger.bin");
        Files.writeString(stranger, "not the jar");
        Run mismatch = run("verify", "--pub", p("k.pub"), "--bundle", bundle.toString(), "--artifact", stranger.toString());
        assertEquals(1, mismatch.exit());
        String strangerDigest = dev.hermeticbuild.digest.Sha256.ofFile(stranger);
        assertTrue(mismatch.err().contains("  - subject digest mismatch\n    artifact sha256 " + strangerDigest + "; subjects: "),
                mismatch.err());
        assertTrue(mismatch.err().contains(" sha256 " + dev.hermeticbuild.digest.Sha256.ofFile(jar)), mismatch.err());

        Run bare = run("verify", "--pub", p("k.pub"), "--bundle", bundle.toString());
        assertEquals(2, bare.exit(), "a provenance verified without its artifact proves nothing about a file");
        assertTrue(bare.err().contains("--allow-no-artifact"), bare.err());
        Run loosened = run("verify", "--pub", p("k.pub"), "--bundle", bundle.toString(), "--allow-no-artifact");
        assertEquals(0, loosened.exit(), loosened.err());
        assertTrue(loosened.out().contains("note: --allow-no-artifact: the subjects were not checked"), loosened.out());

        Files.writeString(dir.resolve("revoked"), keyIdOf("k.pub") + " # compromised\n");
        Run revoked = run("verify", "--pub", p("k.pub"), "--bundle", bundle.toString(), "--artifact", jar.toString(),
                "--revoked", p("revoked"));
        assertEquals(1, revoked.exit());
        assertTrue(revoked.err().contains("  - key " + keyIdOf("k.pub") + " revoked: compromised"), revoked.err());
    }

    private String keyIdOf(String pub) {
        return dev.hermeticbuild.sign.KeyId.of(dev.hermeticbuild.sign.PemKeys.readPublic(dir.resolve(pub)));
    }

    @Test
    void signWritesABundlePerFileAndInputErrorsExitTwo() throws Exception {
        Path pass = Files.writeString(dir.resolve("pass"), "a long passphrase\n");
        assertEquals(0, run("keygen", "--key", p("enc.pem"), "--pub", p("enc.pub"), "--passphrase-file", pass.toString()).exit());
        assertTrue(Files.readString(dir.resolve("enc.pem")).contains("ENCRYPTED PRIVATE KEY"));
        Path a = Files.writeString(dir.resolve("a.bin"), "a");
        Path b = Files.writeString(dir.resolve("b.bin"), "b");
        Run sign = run("sign", "--key", p("enc.pem"), "--passphrase-file", pass.toString(), a.toString(), b.toString());
        assertEquals(0, sign.exit(), sign.err());
        assertEquals(0, run("verify", "--pub", p("enc.pub"), "--bundle", p("b.bin.sigstore.json"), "--artifact", b.toString()).exit());
        Run swapped = run("verify", "--pub", p("enc.pub"), "--bundle", p("a.bin.sigstore.json"), "--artifact", b.toString());
        assertEquals(1, swapped.exit());
        assertTrue(swapped.err().contains("  - subject digest mismatch"), swapped.err());

        Path wrong = Files.writeString(dir.resolve("wrong"), "not it\n");
        Run badPass = run("sign", "--key", p("enc.pem"), "--passphrase-file", wrong.toString(), a.toString());
        assertEquals(2, badPass.exit());
        assertTrue(badPass.err().contains("wrong passphrase"), badPass.err());

        Run missing = run("verify", "--pub", p("enc.pub"), "--bundle", p("nope.json"));
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("bundle " + p("nope.json") + ": no such file"), missing.err());

        Run noArtifact = run("verify", "--pub", p("enc.pub"), "--bundle", p("a.bin.sigstore.json"));
        assertEquals(2, noArtifact.exit());
        assertTrue(noArtifact.err().contains("can only be verified with its artifact (--artifact)"), noArtifact.err());

        Run usage = run("verify", "--bundle", p("a.bin.sigstore.json"));
        assertEquals(2, usage.exit());
        assertTrue(usage.err().contains("give the trusted keys (--pub KEY.pub|DIR) or a keyless trusted root (--trusted-root)"),
                usage.err());
    }

    @Test
    void keylessOptionsAreValidatedBeforeAnyNetworkUse() throws Exception {
        Path jar = Files.writeString(dir.resolve("hello.jar"), "jar bytes");
        Path stmt = statement(jar, "release");
        Run unconfigured = run("attest", "--keyless", "--statement", stmt.toString());
        assertEquals(2, unconfigured.exit());
        assertTrue(unconfigured.err().contains("keyless signing is not configured: missing --fulcio-url, --rekor-url,"
                + " --trusted-root, --oidc-token-env or --oidc-token-file"), unconfigured.err());
        Run neither = run("sign", jar.toString());
        assertEquals(2, neither.exit());
        assertTrue(neither.err().contains("give --key KEY (file or pkcs11:...) or --keyless"), neither.err());
        run("keygen", "--key", p("k.pem"));
        Run both = run("sign", "--key", p("k.pem"), "--keyless", jar.toString());
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("--key and --keyless exclude each other"), both.err());
        Run stray = run("sign", "--key", p("k.pem"), "--rekor-url", "https://rekor.example.com", jar.toString());
        assertEquals(2, stray.exit());
        assertTrue(stray.err().contains("keyless options given without --keyless"), stray.err());
        Path root = Files.writeString(dir.resolve("root.json"), "{}");
        Run noIdentity = run("verify", "--trusted-root", root.toString(), "--bundle", p("x.json"), "--artifact", jar.toString());
        assertEquals(2, noIdentity.exit());
        assertTrue(noIdentity.err().contains("keyless verification needs --certificate-identity"), noIdentity.err());
    }
}
