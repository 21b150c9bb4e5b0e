package dev.hermeticbuild.report;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.bundle.DsseEnvelope;
import dev.hermeticbuild.bundle.MalformedBundleException;
import dev.hermeticbuild.bundle.MessageSignature;
import dev.hermeticbuild.bundle.SigstoreBundle;
import java.util.Optional;

/**
 * What a Sigstore bundle is, read without verifying it: an attestation (DSSE) or a message
 * signature, and the key id it names. Whether it verifies is {@code verify}'s business.
 *
 * @param kind   {@code attestation} or {@code signature}
 * @param keyId  the public-key hint, or {@code keyless}
 * @param sha256 the signed artifact's digest (message signatures only)
 */
public record BundleSummary(String kind, String keyId, Optional<String> sha256) {

    /** Reads bundle JSON; {@code source} names it in errors. */
    public static BundleSummary of(byte[] bundleJson, String source) {
        SigstoreBundle bundle;
        try {
            bundle = SigstoreBundle.parse(bundleJson);
        } catch (MalformedBundleException e) {
            throw new InputException(source + ": " + e.getMessage(), e);
        }
        String keyId = bundle.keyless() ? "keyless" : bundle.publicKeyHint().orElse("unknown");
        if (bundle.content() instanceof DsseEnvelope) {
            return new BundleSummary("attestation", keyId, Optional.empty());
        }
        return new BundleSummary("signature", keyId, Optional.of(((MessageSignature) bundle.content()).sha256Hex()));
    }
}
