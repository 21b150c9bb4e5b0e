package dev.hermeticbuild.sign;

import dev.hermeticbuild.InputException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;

/**
 * A {@link Signer} over a JCA private key, from a file (default providers) or from a PKCS#11
 * token (the token's provider).
 */
public final class JcaSigner implements Signer {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final KeyAlgorithm algorithm;
    private final Provider provider;

    /**
     * @param provider the provider holding the key, or null for the JDK's default providers
     */
    public JcaSigner(PrivateKey privateKey, PublicKey publicKey, Provider provider) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.algorithm = KeyAlgorithm.of(publicKey);
        this.provider = provider;
    }

    @Override
    public KeyAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public byte[] sign(byte[] data) {
        return signWith(algorithm.jcaSignature(), data);
    }

    @Override
    public byte[] signSha256Digest(byte[] sha256) {
        if (algorithm != KeyAlgorithm.ECDSA_P256) {
            throw new InputException("an " + algorithm.cliName()
                    + " key cannot sign a precomputed digest; it must sign the content");
        }
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest is 32 bytes, got " + sha256.length);
        }
        return signWith("NONEwithECDSA", sha256);
    }

    private byte[] signWith(String jcaAlgorithm, byte[] data) {
        try {
            Signature s = provider == null ? Signature.getInstance(jcaAlgorithm)
                    : Signature.getInstance(jcaAlgorithm, provider);
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new SigningException("signing with key " + keyId() + " failed: " + e.getMessage(), e);
        }
    }
}
