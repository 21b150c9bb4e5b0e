package dev.hermeticbuild.sign;

import java.nio.file.Path;
import java.security.KeyPair;

/**
 * Opens the signer a {@code --key} value names: a PEM private key file, or a PKCS#11 token key
 * ({@code pkcs11:config=/path/pkcs11.cfg;alias=LABEL}). The passphrase source unlocks an
 * encrypted key file or is the token PIN.
 */
public final class Signers {

    private Signers() {
    }

    /** The signer for {@code keyArg}. */
    public static Signer open(String keyArg, PassphraseSource passphrase) {
        if (Pkcs11KeyRef.isPkcs11(keyArg)) {
            return Pkcs11Signers.open(Pkcs11KeyRef.parse(keyArg), passphrase);
        }
        return fromFile(Path.of(keyArg), passphrase);
    }

    /** A signer over a PEM private key file. */
    public static Signer fromFile(Path keyFile, PassphraseSource passphrase) {
        KeyPair pair = PemKeys.readPrivate(keyFile, passphrase);
        return new JcaSigner(pair.getPrivate(), pair.getPublic(), null);
    }

    /**
     * A signer over a PEM private key held in memory (a CI credential: the key never touches a
     * disk or another machine); {@code source} names it in errors.
     */
    public static Signer fromPem(byte[] pem, String source, PassphraseSource passphrase) {
        KeyPair pair = PemKeys.readPrivate(pem, source, passphrase);
        return new JcaSigner(pair.getPrivate(), pair.getPublic(), null);
    }

    /** A signer over an in-memory key pair (tests, the build engine's ephemeral keys). */
    public static Signer of(KeyPair pair) {
        return new JcaSigner(pair.getPrivate(), pair.getPublic(), null);
    }
}
