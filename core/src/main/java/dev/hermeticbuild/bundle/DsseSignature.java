package dev.hermeticbuild.bundle;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One signature of a DSSE envelope: the signing key's id (may be empty, per the DSSE spec) and
 * the signature bytes (DER for ECDSA, 64 raw bytes for Ed25519).
 */
public record DsseSignature(String keyid, byte[] sig) {

    public DsseSignature {
        Objects.requireNonNull(keyid, "keyid");
        sig = sig.clone();
    }

    @Override
    public byte[] sig() {
        return sig.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DsseSignature s && keyid.equals(s.keyid) && Arrays.equals(sig, s.sig);
    }

    @Override
    public int hashCode() {
        return 31 * keyid.hashCode() + Arrays.hashCode(sig);
    }

    @Override
    public String toString() {
        return "DsseSignature[keyid=" + keyid + ", sig=" + HexFormat.of().formatHex(sig) + "]";
    }
}
