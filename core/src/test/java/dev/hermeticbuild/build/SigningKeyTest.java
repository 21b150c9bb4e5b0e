package dev.hermeticbuild.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.sign.KeyAlgorithm;
import dev.hermeticbuild.sign.KeyGen;
import dev.hermeticbuild.sign.PassphraseSource;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A signing key, passphrase file or token configuration the build could see is refused by the walk itself, real paths compared. */
class SigningKeyTest {

    @TempDir
    Path dir;
    Path workspace;
    Path link;

    @BeforeEach
    void project() throws Exception {
        workspace = Files.createDirectory(dir.resolve("ws"));
        link = Files.createSymbolicLink(dir.resolve("ws-link"), workspace);
        Files.writeString(workspace.resolve("build.sh"), "#!/bin/sh\nmkdir -p dist && echo app > dist/app.txt\n");
        workspace.resolve("build.sh").toFile().setExecutable(true);
    }

    @Test
    void aKeyInsideTheWorkspaceIsRefusedWhenTheWorkspaceIsNamedThroughASymlink() throws Exception {
        Path key = keyAt(workspace.resolve("k.pem"));
        InputException e = assertThrows(InputException.class, () -> build(link, new SigningKey(key.toString(), PassphraseSource.none())));
        assertTrue(e.getMessage().contains("--sign-key " + key) && e.getMessage().contains("can read it"), e.getMessage());
        assertFalse(Files.exists(workspace.resolve("dist")), "the build must not have run");
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void aKeyReachedThroughASymlinkIntoTheWorkspaceIsRefused() throws Exception {
        keyAt(workspace.resolve("k.pem"));
        Path outside = Files.createSymbolicLink(Files.createDirectory(dir.resolve("keys")).resolve("k.pem"), workspace.resolve("k.pem"));
        InputException e = assertThrows(InputException.class, () -> build(workspace, new SigningKey(outside.toString(), PassphraseSource.none())));
        assertTrue(e.getMessage().contains(workspace.resolve("k.pem").toString()), e.getMessage());
        assertFalse(Files.exists(workspace.resolve("dist")));
    }

    @Test
    void anOidcTokenFileReachedThroughASymlinkIntoTheWorkspaceIsRefusedForKeylessSigning() throws Exception {
        Files.writeString(workspace.resolve("token"), "eyJhbGciOiJub25lIn0.e30.\n");
        Path keys = Files.createDirectory(dir.resolve("keys"));
        Path token = Files.createSymbolicLink(keys.resolve("token"), workspace.resolve("token"));
        Path root = Files.writeString(keys.resolve("trusted_root.json"), "{}");
        var config = dev.hermeticbuild.sign.keyless.KeylessConfig.of("http://127.0.0.1:1", "http://127.0.0.1:1", root,
                PassphraseSource.file(token));
        InputException e = assertThrows(InputException.class, () -> build(workspace, SigningKey.keyless(config)));
        assertTrue(e.getMessage().contains("--oidc-token-file " + token) && e.getMessage().contains("can read it"), e.getMessage());
        assertFalse(e.getMessage().contains("eyJhbGciOiJub25lIn0"), e.getMessage());
        assertFalse(Files.exists(workspace.resolve("dist")), "the build must not have run");
        SigningKey outside = SigningKey.keyless(dev.hermeticbuild.sign.keyless.KeylessConfig.of("http://127.0.0.1:1",
                "http://127.0.0.1:1", root, PassphraseSource.file(Files.writeString(keys.resolve("own-token"), "t"))));
        assertEquals(java.util.Optional.empty(), outside.openFor(workspace, java.util.List.of()).publicKey(), "a keyless signer has no key before signing");
        assertTrue(outside.opened().isPresent());
    }

    @Test
    void aPassphraseFileOrTokenConfigurationInsideTheWorkspaceIsRefused() throws Exception {
        Path key = keyAt(Files.createDirectory(dir.resolve("keys")).resolve("k.pem"));
        Path pass = Files.writeString(workspace.resolve("pass"), "secret\n");
        InputException p = assertThrows(InputException.class, () -> build(link, new SigningKey(key.toString(), PassphraseSource.file(pass))));
        assertTrue(p.getMessage().contains("--passphrase-file"), p.getMessage());
        Path config = Files.writeString(workspace.resolve("pkcs11.cfg"), "name = t\nlibrary = /nonexistent.so\n");
        InputException c = assertThrows(InputException.class,
                () -> build(link, new SigningKey("pkcs11:config=" + config + ";alias=k", PassphraseSource.none())));
        assertTrue(c.getMessage().contains("pkcs11:config=") && c.getMessage().contains("can read it"), c.getMessage());
        assertFalse(Files.exists(workspace.resolve("dist")));
    }

    @Test
    void aKeyOutsideTheWorkspaceSignsTheBuild() throws Exception {
        Path key = keyAt(Files.createDirectory(dir.resolve("keys")).resolve("k.pem"));
        SigningKey signing = new SigningKey(key.toString(), PassphraseSource.none());
        BuildResult result = build(link, signing);
        assertTrue(result.succeeded());
        assertEquals(2, result.bundles().size());
        assertTrue(signing.opened().isPresent());
    }

    private BuildResult build(Path ws, SigningKey key) {
        BuildRequest r = BuildRequest.builder()
                .workspace(ws).outDir(dir.resolve("out")).outputs(List.of(new OutputGlob("dist/*.txt")))
                .command(List.of("./build.sh")).tier(Tier.DEV).builderId("https://ci.example.com/hermetic")
                .timeout(Duration.ofMinutes(5)).build();
        return HermeticBuild.run(r, new ByteArrayOutputStream(), Map.of(), Optional.of(key));
    }

    private static Path keyAt(Path file) {
        return KeyGen.generate(KeyAlgorithm.ECDSA_P256, file, file.resolveSibling(file.getFileName() + ".pub"), PassphraseSource.none()).privateKey();
    }
}
