package dev.hermeticbuild.sign.keyless;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.bundle.StrictJson;
import dev.hermeticbuild.sign.Attestor;
import dev.hermeticbuild.sign.SigningException;
import dev.sigstore.KeylessSigner;
import dev.sigstore.SigningConfigProvider;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.oidc.client.OidcClients;
import dev.sigstore.oidc.client.TokenStringOidcClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keyless signing through sigstore-java: an ephemeral key, a short-lived Fulcio certificate for
 * the OIDC identity, and a Rekor entry. Produces the same two bundle kinds as key-based signing
 * (DSSE attestations, message signatures) but with a certificate instead of a public-key hint.
 * Needs the network and the configured services; nothing here runs offline.
 */
public final class KeylessSigning {

    private KeylessSigning() {
    }

    /** Signs an in-toto statement file into a keyless DSSE bundle; returns the bundle JSON. */
    public static byte[] attest(Path statementJson, KeylessConfig config) {
        return attest(StrictJson.readCapped(statementJson, "statement"), statementJson.toString(), config);
    }

    /** Signs in-toto statement bytes into a keyless DSSE bundle; {@code source} names them in errors. */
    public static byte[] attest(byte[] statement, String source, KeylessConfig config) {
        Attestor.requireStatement(statement, source);
        return withSigner(config, signer ->
                signer.attest(new String(statement, StandardCharsets.UTF_8)).toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** Signs a file into a keyless message-signature bundle; returns the bundle JSON. */
    public static byte[] signFile(Path file, KeylessConfig config) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("artifact " + file + ": no such file");
        }
        return withSigner(config, signer -> signer.signFile(file).toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** One signing operation of a sigstore-java signer. */
    interface Operation {
        byte[] apply(KeylessSigner signer) throws Exception;
    }

    /**
     * Runs {@code op} with a sigstore-java signer configured for exactly the given services and
     * token (a temporary SigningConfig file, deleted afterwards).
     */
    static byte[] withSigner(KeylessConfig config, Operation op) {
        Path signingConfig = null;
        try {
            signingConfig = Files.createTempFile("hermetic-signing-config", ".json");
            Files.write(signingConfig, config.signingConfigJson());
            try (KeylessSigner signer = KeylessSigner.builder()
                    .trustedRootProvider(TrustedRootProvider.from(config.trustedRoot()))
                    .signingConfigProvider(SigningConfigProvider.from(signingConfig))
                    .forceCredentialProviders(OidcClients.of(TokenStringOidcClient.from(config.token())))
                    .build()) {
                return op.apply(signer);
            }
        } catch (Exception e) {
            throw failure(config, e);
        } finally {
            if (signingConfig != null) {
                try {
                    Files.deleteIfExists(signingConfig);
                } catch (IOException ignored) {
                    // a temp file of public URLs; nothing secret is left behind
                }
            }
        }
    }

    private static SigningException failure(KeylessConfig config, Exception e) {
        if (e instanceof SigningException se) {
            return se;
        }
        return new SigningException("keyless signing with Fulcio " + config.fulcioUrl() + " and Rekor "
                + config.rekorUrl() + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
}
