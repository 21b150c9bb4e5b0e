package dev.hermeticbuild.verify;

import dev.hermeticbuild.bundle.DsseEnvelope;
import dev.hermeticbuild.bundle.MessageSignature;
import dev.hermeticbuild.bundle.SigstoreBundle;
import dev.hermeticbuild.provenance.InTotoStatement;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The SHA-256 digests a bundle speaks for, unverified: a message signature's digest, or the
 * subjects of the in-toto statement a DSSE envelope carries. For checks before a bundle is used
 * (is it about this image at all?), never for trust: {@link BundleVerifier} decides that.
 */
public final class BundleSubjects {

    private BundleSubjects() {
    }

    /** The lower-case hex SHA-256 digests {@code bundleJson} names; refused as the verifier refuses a malformed bundle. */
    public static Set<String> of(byte[] bundleJson) {
        SigstoreBundle bundle = SigstoreBundle.parse(bundleJson);
        Set<String> digests = new LinkedHashSet<>();
        if (bundle.content() instanceof MessageSignature m) {
            digests.add(m.sha256Hex());
        } else if (bundle.content() instanceof DsseEnvelope envelope) {
            for (InTotoStatement.Subject s : InTotoStatement.parse(envelope.payload(), "$.dsseEnvelope.payload").subjects()) {
                String sha = s.digest().get("sha256");
                if (sha != null) {
                    digests.add(sha);
                }
            }
        }
        return digests;
    }
}
