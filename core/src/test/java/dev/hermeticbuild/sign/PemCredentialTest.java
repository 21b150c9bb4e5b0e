package dev.hermeticbuild.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.bundle.MessageSignature;
import dev.hermeticbuild.bundle.SigstoreBundle;
import dev.hermeticbuild.report.BundleSummary;
import dev.hermeticbuild.verify.Keyring;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Keys held in memory, as a CI credential or a global configuration holds them. */
class PemCredentialTest {

    @Test
    void signsWithAPemKeyHeldInMemory() {
        KeyPair pair = KeyGen.generate(KeyAlgorithm.ECDSA_P256);
        byte[] pem = PemKeys.privatePem(pair.getPrivate(), Optional.empty()).getBytes(StandardCharsets.UTF_8);
        Signer signer = Signers.fromPem(pem, "credential release-key", PassphraseSource.none());
        assertEquals(KeyId.of(pair.getPublic()), signer.keyId());
    }

    @Test
    void aPublicKeyWhereAPrivateOneBelongsIsNamed() {
        KeyPair pair = KeyGen.generate(KeyAlgorithm.ED25519);
        byte[] pub = PemKeys.publicPem(pair.getPublic()).getBytes(StandardCharsets.UTF_8);
        assertEquals("credential k holds a public key, not a private key", assertThrows(InputException.class,
                () -> Signers.fromPem(pub, "credential k", PassphraseSource.none())).getMessage());
        assertEquals("credential k holds no PEM object", assertThrows(InputException.class,
                () -> Signers.fromPem("not a key".getBytes(StandardCharsets.UTF_8), "credential k",
                        PassphraseSource.none())).getMessage());
    }

    @Test
    void anEncryptedKeyWithoutPassphraseSaysSoWithoutCliHints() {
        KeyPair pair = KeyGen.generate(KeyAlgorithm.ECDSA_P256);
        byte[] pem = PemKeys.privatePem(pair.getPrivate(), Optional.of("pw".toCharArray())).getBytes(StandardCharsets.UTF_8);
        assertEquals("credential k is encrypted: give its passphrase", assertThrows(InputException.class,
                () -> Signers.fromPem(pem, "credential k", PassphraseSource.none())).getMessage());
    }

    @Test
    void keyringFromConcatenatedPem() {
        KeyPair a = KeyGen.generate(KeyAlgorithm.ECDSA_P256);
        KeyPair b = KeyGen.generate(KeyAlgorithm.ED25519);
        String text = "# release keys\n" + PemKeys.publicPem(a.getPublic()) + "\n" + PemKeys.publicPem(b.getPublic());
        Keyring ring = Keyring.fromPem(text, "trusted keys");
        assertEquals(2, ring.keys().size());
        assertTrue(ring.get(KeyId.of(b.getPublic())).isPresent());
        assertEquals(0, Keyring.fromPem("  ", "trusted keys").keys().size());
        assertEquals("trusted keys holds no PEM public key",
                assertThrows(InputException.class, () -> Keyring.fromPem("junk", "trusted keys")).getMessage());
        assertEquals(2, Keyring.of(a.getPublic()).plus(Keyring.of(b.getPublic())).keys().size());
    }

    @Test
    void bundleSummaryNamesKindAndKey() {
        Signer signer = Signers.of(KeyGen.generate(KeyAlgorithm.ECDSA_P256));
        byte[] bundle = SigstoreBundle.keyBased(signer.keyId(), new MessageSignature(new byte[32], new byte[]{1})).toJsonBytes();
        assertEquals(new BundleSummary("signature", signer.keyId(), Optional.of("00".repeat(32))),
                BundleSummary.of(bundle, "b"));
    }
}
