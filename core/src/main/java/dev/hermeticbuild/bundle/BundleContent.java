package dev.hermeticbuild.bundle;

/** What a Sigstore bundle signs: a DSSE envelope (attestation) or a message signature (artifact). */
public sealed interface BundleContent permits DsseEnvelope, MessageSignature {
}
