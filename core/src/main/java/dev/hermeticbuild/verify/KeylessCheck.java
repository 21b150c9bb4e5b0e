package dev.hermeticbuild.verify;

import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.strings.StringMatcher;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Offline verification of a keyless bundle by sigstore-java: certificate chain to the trusted
 * root's Fulcio CA, SCT, Rekor inclusion, signature, and the certificate's identity and issuer.
 */
final class KeylessCheck {

    private KeylessCheck() {
    }

    /** Throws a {@link VerificationException} naming what sigstore-java refused. */
    static void verify(byte[] bundleJson, Path artifact, KeylessTrust trust) {
        Bundle bundle;
        try {
            bundle = Bundle.from(new StringReader(new String(bundleJson, StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new VerificationException(VerificationFailure.of(VerificationFailure.Code.MALFORMED_BUNDLE, "malformed bundle: $: keyless bundle not readable by sigstore-java ("
                    + e.getMessage() + ")"));
        }
        KeylessVerifier verifier;
        try {
            verifier = KeylessVerifier.builder().trustedRootProvider(TrustedRootProvider.from(trust.trustedRoot())).build();
        } catch (Exception e) {
            throw new dev.hermeticbuild.InputException("--trusted-root " + trust.trustedRoot()
                    + ": not a usable Sigstore trusted root (" + e.getMessage() + ")", e);
        }
        VerificationOptions options = VerificationOptions.builder()
                .addCertificateMatchers(VerificationOptions.CertificateMatcher.fulcio()
                        .subjectAlternativeName(StringMatcher.string(trust.certificateIdentity()))
                        .issuer(StringMatcher.string(trust.oidcIssuer()))
                        .build())
                .build();
        try {
            verifier.verify(artifact, bundle, options);
        } catch (Exception e) {
            throw new VerificationException(VerificationFailure.of(VerificationFailure.Code.KEYLESS_INVALID, "keyless verification failed: " + e.getMessage()));
        }
    }
}
