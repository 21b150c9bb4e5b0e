package dev.hermeticbuild.sign;

import dev.hermeticbuild.testing.Tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.testing.Cmd;
import dev.hermeticbuild.testing.TestCerts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysTest {

    @TempDir
    Path dir;

    private static boolean verifies(KeyPair pair, byte[] data, byte[] sig) throws Exception {
        Signature s = Signature.getInstance(KeyAlgorithm.of(pair.getPublic()).jcaSignature());
        s.initVerify(pair.getPublic());
        s.update(data);
        return s.verify(sig);
    }

    @Test
    void keygenWritesPrivateKey0600AndPublicKeyAndRefusesToOverwrite() throws Exception {
        Path key = dir.resolve("k.pem");
        Path pub = dir.resolve("k.pub");
        KeyGen.Result r = KeyGen.generate(KeyAlgorithm.ECDSA_P256, key, pub, PassphraseSource.none());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals(r.keyId(), KeyId.of(PemKeys.readPublic(pub)));
        Signer signer = Signers.fromFile(key, PassphraseSource.none());
        assertEquals(r.keyId(), signer.keyId());
        byte[] sig = signer.sign("data".getBytes(StandardCharsets.UTF_8));
        assertTrue(verifies(new KeyPair(PemKeys.readPublic(pub), null), "data".getBytes(StandardCharsets.UTF_8), sig));

        String before = Files.readString(key);
        InputException e = assertThrows(InputException.class,
                () -> KeyGen.generate(KeyAlgorithm.ED25519, key, dir.resolve("other.pub"), PassphraseSource.none()));
        assertEquals("refusing to overwrite existing file " + key, e.getMessage());
        assertEquals(before, Files.readString(key));
    }

    @Test
    void ed25519KeysSignAndHaveTheirOwnAlgorithm() throws Exception {
        Path key = dir.resolve("e.pem");
        KeyGen.generate(KeyAlgorithm.ED25519, key, dir.resolve("e.pub"), PassphraseSource.none());
        Signer signer = Signers.fromFile(key, PassphraseSource.none());
        assertEquals(KeyAlgorithm.ED25519, signer.algorithm());
        byte[] sig = signer.sign(new byte[] {1, 2});
        assertEquals(64, sig.length);
        assertTrue(verifies(new KeyPair(PemKeys.readPublic(dir.resolve("e.pub")), null), new byte[] {1, 2}, sig));
        assertThrows(InputException.class, () -> signer.signSha256Digest(new byte[32]));
    }

    @Test
    void keyIdIsSha256OfDerSpkiAsOpensslComputesIt() {
        Tools.require("openssl", Cmd.onPath("openssl"), "the independent key id check");
        Path pub = dir.resolve("k.pub");
        KeyGen.Result r = KeyGen.generate(KeyAlgorithm.ECDSA_P256, dir.resolve("k.pem"), pub, PassphraseSource.none());
        Cmd.run(Map.of(), dir, "openssl", "pkey", "-pubin", "-in", pub.toString(), "-outform", "DER", "-out", "k.der");
        String out = Cmd.run(Map.of(), dir, "openssl", "dgst", "-sha256", "-r", "k.der");
        assertEquals(out.split(" ")[0], r.keyId());
    }

    @Test
    void encryptedKeyNeedsTheRightPassphraseFromEnvOrFile() throws Exception {
        Path key = dir.resolve("enc.pem");
        Map<String, String> env = Map.of("HB_PASS", "correct horse");
        char[] pass = PassphraseSource.env("HB_PASS").read(env).orElseThrow();
        KeyPair pair = KeyGen.generate(KeyAlgorithm.ECDSA_P256);
        Files.writeString(key, PemKeys.privatePem(pair.getPrivate(), Optional.of(pass)));
        assertTrue(Files.readString(key).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));

        Path passFile = dir.resolve("pass.txt");
        Files.writeString(passFile, "correct horse\n");
        KeyPair read = PemKeys.readPrivate(key, PassphraseSource.file(passFile));
        assertEquals(KeyId.of(pair.getPublic()), KeyId.of(read.getPublic()));

        Files.writeString(passFile, "wrong horse\n");
        InputException wrong = assertThrows(InputException.class,
                () -> PemKeys.readPrivate(key, PassphraseSource.file(passFile)));
        assertEquals("key file " + key + ": wrong passphrase (or corrupt encrypted key)", wrong.getMessage());

        InputException none = assertThrows(InputException.class, () -> PemKeys.readPrivate(key, PassphraseSource.none()));
        assertTrue(none.getMessage().contains("is encrypted: give its passphrase with --passphrase-env"), none.getMessage());

        InputException unset = assertThrows(InputException.class,
                () -> PassphraseSource.env("HB_NOT_SET").read(Map.of()));
        assertEquals("passphrase environment variable HB_NOT_SET is not set or empty", unset.getMessage());
    }

    @Test
    void certificateGivenAsKeyOrPublicKeyIsNamed() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Files.writeString(cert, TestCerts.selfSignedPem(KeyGen.generate(KeyAlgorithm.ECDSA_P256)));
        InputException asKey = assertThrows(InputException.class, () -> PemKeys.readPrivate(cert, PassphraseSource.none()));
        assertEquals("key file " + cert + " holds a certificate, not a private key", asKey.getMessage());
        InputException asPub = assertThrows(InputException.class, () -> PemKeys.readPublic(cert));
        assertEquals("public key file " + cert + " holds a certificate, not a public key", asPub.getMessage());
        Path pub = dir.resolve("k.pub");
        KeyGen.generate(KeyAlgorithm.ECDSA_P256, dir.resolve("k.pem"), pub, PassphraseSource.none());
        InputException pubAsKey = assertThrows(InputException.class, () -> PemKeys.readPrivate(pub, PassphraseSource.none()));
        assertEquals("key file " + pub + " holds a public key, not a private key", pubAsKey.getMessage());
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "not pem at all\n");
        assertEquals("key file " + junk + " holds no PEM object",
                assertThrows(InputException.class, () -> PemKeys.readPrivate(junk, PassphraseSource.none())).getMessage());
    }

    @Test
    void opensslKeysAreReadIncludingEncryptedPkcs8AndUnsupportedTypesAreNamed() throws Exception {
        Tools.require("openssl", Cmd.onPath("openssl"), "OpenSSL key interop");
        Cmd.run(Map.of(), dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "p8.pem");
        Cmd.run(Map.of(), dir, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "sec1.pem");
        Cmd.run(Map.of("HB_PW", "s3cret pass"), dir, "openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc",
                "-in", "p8.pem", "-out", "p8enc.pem", "-passout", "env:HB_PW");
        Cmd.run(Map.of(), dir, "openssl", "pkey", "-in", "p8.pem", "-pubout", "-out", "p8.pub");
        Cmd.run(Map.of(), dir, "openssl", "genpkey", "-algorithm", "ED25519", "-out", "ed.pem");
        Cmd.run(Map.of(), dir, "openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.pem");
        Cmd.run(Map.of(), dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "p384.pem");

        String expected = KeyId.of(PemKeys.readPublic(dir.resolve("p8.pub")));
        assertEquals(expected, KeyId.of(PemKeys.readPrivate(dir.resolve("p8.pem"), PassphraseSource.none()).getPublic()));
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "s3cret pass");
        assertEquals(expected, KeyId.of(PemKeys.readPrivate(dir.resolve("p8enc.pem"), PassphraseSource.file(pw)).getPublic()));
        assertEquals(KeyAlgorithm.ECDSA_P256, Signers.fromFile(dir.resolve("sec1.pem"), PassphraseSource.none()).algorithm());
        assertEquals(KeyAlgorithm.ED25519, Signers.fromFile(dir.resolve("ed.pem"), PassphraseSource.none()).algorithm());

        InputException rsa = assertThrows(InputException.class, () -> PemKeys.readPrivate(dir.resolve("rsa.pem"), PassphraseSource.none()));
        assertEquals("key " + dir.resolve("rsa.pem") + ": unsupported key type RSA (supported: ecdsa-p256, ed25519)", rsa.getMessage());
        InputException p384 = assertThrows(InputException.class, () -> PemKeys.readPrivate(dir.resolve("p384.pem"), PassphraseSource.none()));
        assertTrue(p384.getMessage().contains("unsupported key type: EC curve 1.3.132.0.34"), p384.getMessage());
        assertFalse(p384.getMessage().contains("Exception"));
    }
}
