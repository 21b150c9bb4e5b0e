package dev.hermeticbuild.verify;

import dev.hermeticbuild.InputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a keyless (Fulcio certificate) bundle must chain to and whom it must name: a Sigstore
 * trusted root file (CAs, Rekor and CT log keys) and the exact certificate identity (SAN) and
 * OIDC issuer. Both identity fields are required: without them any Fulcio identity would pass.
 */
public record KeylessTrust(Path trustedRoot, String certificateIdentity, String oidcIssuer) {

    public KeylessTrust {
        if (!Files.isRegularFile(trustedRoot)) {
            throw new InputException("--trusted-root " + trustedRoot + ": no such file");
        }
        if (certificateIdentity == null || certificateIdentity.isBlank()) {
            throw new InputException("keyless verification needs --certificate-identity (the signer's SAN)");
        }
        if (oidcIssuer == null || oidcIssuer.isBlank()) {
            throw new InputException("keyless verification needs --certificate-oidc-issuer");
        }
    }
}
