package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.cli.BuildCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyless signing through the same signer axis as keys: {@code build}, {@code check-reproducible}
 * and {@code attest --sbom} take {@code --keyless}. No Fulcio or Rekor runs here, so the services
 * are loopback port 1 (refused at once): what is tested is that keyless signing is reached, that
 * its failure publishes nothing, and that a token the build could read is refused before it runs.
 */
class KeylessBuildTest {

    @TempDir
    Path workspace;
    @TempDir
    Path out;
    @TempDir
    Path secrets;

    @BeforeEach
    void project() throws IOException {
        Files.writeString(workspace.resolve("build.sh"), "#!/bin/sh\nmkdir -p dist && echo app > dist/app.txt\n");
        workspace.resolve("build.sh").toFile().setExecutable(true);
        Files.writeString(secrets.resolve("trusted_root.json"), "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\","
                + "\"tlogs\":[],\"certificateAuthorities\":[],\"ctlogs\":[],\"timestampAuthorities\":[]}");
    }

    @AfterEach
    void removeFailedLog() {
        dev.hermeticbuild.FileTrees.deleteQuietly(out.resolveSibling(out.getFileName() + ".failed"));
    }

    private List<String> keyless(Path token) {
        return List.of("--keyless", "--fulcio-url", "http://127.0.0.1:1", "--rekor-url", "http://127.0.0.1:1",
                "--trusted-root", secrets.resolve("trusted_root.json").toString(), "--oidc-token-file", token.toString());
    }

    private Run build(List<String> signing, String... command) {
        List<String> args = new ArrayList<>(List.of("build", "-C", workspace.toString(), "--out", out.toString(), "--output", "dist/*.txt"));
        args.addAll(signing);
        args.add("--");
        args.addAll(List.of(command));
        return BuildCommandTest.hermetic(args.toArray(String[]::new));
    }

    @Test
    void anOidcTokenTheBuildCouldReadIsRefusedBeforeTheBuildRuns() throws IOException {
        Path token = Files.writeString(workspace.resolve("oidc-token"), "eyJhbGciOiJub25lIn0.e30.\n");
        Run r = build(keyless(token), "./build.sh");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("--oidc-token-file " + token) && r.err().contains("can read it"), r.err());
        assertFalse(r.err().contains("eyJhbGciOiJub25lIn0"), "the token must never be printed: " + r.err());
        assertFalse(Files.exists(workspace.resolve("dist")), "the build must not have run");
    }

    @Test
    void buildKeylessSignsAfterTheBuildAndAFailureToSignPublishesNothing() throws IOException {
        Path token = Files.writeString(secrets.resolve("oidc-token"), "eyJhbGciOiJub25lIn0.e30.\n");
        Run r = build(keyless(token), "./build.sh");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("keyless signing with Fulcio http://127.0.0.1:1 and Rekor http://127.0.0.1:1 failed"), r.err());
        assertTrue(r.err().contains("build done in") && r.err().contains("provenance + signing..."), "signing comes after the build: " + r.err());
        assertFalse(Files.exists(out.resolve("provenance.json")), "nothing is published when signing fails");
        assertFalse(Files.exists(out.resolve("provenance.sigstore.json")));
        assertFalse(r.err().contains("eyJhbGciOiJub25lIn0"), "the token must never be printed: " + r.err());
    }

    @Test
    void aSecretsVariableTheBuildWouldBeGivenIsRefusedBeforeTheBuildRuns() {
        Run token = build(List.of("--keyless", "--fulcio-url", "http://127.0.0.1:1", "--rekor-url", "http://127.0.0.1:1",
                "--trusted-root", secrets.resolve("trusted_root.json").toString(), "--oidc-token-env", "CI_OIDC_TOKEN",
                "--env", "CI_OIDC_TOKEN"), "./build.sh");
        assertEquals(2, token.exit(), token.out() + token.err());
        assertTrue(token.err().contains("--oidc-token-env CI_OIDC_TOKEN names a variable the build is given (--env CI_OIDC_TOKEN)"),
                token.err());
        Run passphrase = build(List.of("--sign-key", secrets.resolve("k.pem").toString(), "--passphrase-env", "KEY_PASS",
                "--env", "KEY_PASS"), "./build.sh");
        assertEquals(2, passphrase.exit(), passphrase.out() + passphrase.err());
        assertTrue(passphrase.err().contains("--passphrase-env KEY_PASS names a variable the build is given"), passphrase.err());
        assertFalse(Files.exists(out.resolve("build.log")), "the build must not have run");
    }

    @Test
    void signKeyAndKeylessExcludeEachOtherAndKeylessOptionsNeedKeyless() throws IOException {
        Path token = Files.writeString(secrets.resolve("oidc-token"), "t\n");
        List<String> both = new ArrayList<>(keyless(token));
        both.addAll(List.of("--sign-key", secrets.resolve("k.pem").toString()));
        Run r = build(both, "./build.sh");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--sign-key and --keyless exclude each other"), r.err());
        Run stray = build(List.of("--rekor-url", "https://rekor.example.com"), "./build.sh");
        assertEquals(2, stray.exit());
        assertTrue(stray.err().contains("keyless options given without --keyless"), stray.err());
        Run unconfigured = BuildCommandTest.hermetic("check-reproducible", "-C", workspace.toString(), "--out", out.toString(),
                "--output", "dist/*.txt", "--keyless", "--", "./build.sh");
        assertEquals(2, unconfigured.exit());
        assertTrue(unconfigured.err().contains("keyless signing is not configured: missing --fulcio-url"), unconfigured.err());
        assertFalse(Files.exists(workspace.resolve("dist")), "no build runs when signing is misconfigured");
    }

    @Test
    void attestSbomTakesKeylessSigning() throws IOException {
        Path token = Files.writeString(secrets.resolve("oidc-token"), "eyJhbGciOiJub25lIn0.e30.\n");
        assertEquals(0, build(List.of(), "./build.sh").exit());
        List<String> args = new ArrayList<>(List.of("attest", "--sbom", out.resolve("sbom.cdx.json").toString(),
                "--subjects-from", out.resolve("provenance.json").toString()));
        args.addAll(keyless(token));
        Run r = BuildCommandTest.hermetic(args.toArray(String[]::new));
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("keyless signing with Fulcio http://127.0.0.1:1"), r.err());
        assertFalse(Files.exists(out.resolve("sbom.cdx.json.sigstore.json")));
    }
}
