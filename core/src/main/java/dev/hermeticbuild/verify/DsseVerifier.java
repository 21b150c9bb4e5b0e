package dev.hermeticbuild.verify;

import dev.hermeticbuild.bundle.DsseEnvelope;
import dev.hermeticbuild.bundle.DsseSignature;
import java.security.PublicKey;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * DSSE multi-signature verification per the protocol: which unique trusted keys produced a
 * valid signature over the envelope's PAE. The keyid only narrows the keys tried; it is never
 * trusted on its own.
 */
public final class DsseVerifier {

    private DsseVerifier() {
    }

    /**
     * The ids (keys of {@code trusted}) of the trusted keys with at least one valid signature.
     * A (t, n) envelope is valid when this set has at least t members.
     */
    public static Set<String> acceptedKeys(DsseEnvelope envelope, Map<String, PublicKey> trusted) {
        byte[] pae = envelope.pae();
        Set<String> accepted = new LinkedHashSet<>();
        for (DsseSignature s : envelope.signatures()) {
            Map<String, PublicKey> candidates = trusted.containsKey(s.keyid())
                    ? Map.of(s.keyid(), trusted.get(s.keyid())) : trusted;
            for (Map.Entry<String, PublicKey> e : candidates.entrySet()) {
                if (!accepted.contains(e.getKey()) && SignatureCheck.verify(e.getValue(), pae, s.sig())) {
                    accepted.add(e.getKey());
                    break;
                }
            }
        }
        return accepted;
    }
}
