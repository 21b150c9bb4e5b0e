package dev.hermeticbuild.sign;

import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;

/**
 * Opens a signing key on a PKCS#11 token through the JDK's SunPKCS11 provider. The private key
 * never leaves the token. SunPKCS11 lists a private key only when the token also holds a
 * certificate with the same CKA_ID; the public key is taken from that certificate.
 */
public final class Pkcs11Signers {

    private Pkcs11Signers() {
    }

    /** Logs into the token with the PIN from {@code pin} and returns a signer for the alias. */
    public static Signer open(Pkcs11KeyRef ref, PassphraseSource pin) {
        if (!Files.isRegularFile(ref.config())) {
            throw new InputException("PKCS#11 config file " + ref.config() + ": no such file");
        }
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new InputException("this Java runtime has no SunPKCS11 provider");
        }
        Provider provider;
        try {
            provider = base.configure(ref.config().toString());
        } catch (RuntimeException e) {
            throw new InputException("PKCS#11 config file " + ref.config() + ": " + rootMessage(e), e);
        }
        char[] pinChars = pin.read().orElseThrow(() -> new InputException(
                "PKCS#11 key " + ref.alias() + ": give the token PIN with --passphrase-env NAME or --passphrase-file FILE"));
        try {
            KeyStore ks = KeyStore.getInstance("PKCS11", provider);
            try {
                ks.load(null, pinChars);
            } catch (IOException e) {
                throw new InputException("PKCS#11 token of " + ref.config() + ": login failed ("
                        + rootMessage(e) + "); wrong PIN?", e);
            }
            Key key = ks.getKey(ref.alias(), null);
            Certificate cert = ks.getCertificate(ref.alias());
            if (!(key instanceof PrivateKey privateKey) || cert == null) {
                throw new InputException("PKCS#11 token of " + ref.config() + ": no private key with"
                        + " a certificate under alias '" + ref.alias() + "' (aliases: "
                        + new ArrayList<>(Collections.list(ks.aliases())) + ")");
            }
            return new JcaSigner(privateKey, cert.getPublicKey(), provider);
        } catch (GeneralSecurityException e) {
            throw new InputException("PKCS#11 key " + ref.alias() + ": " + rootMessage(e), e);
        } finally {
            Arrays.fill(pinChars, '\0');
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
