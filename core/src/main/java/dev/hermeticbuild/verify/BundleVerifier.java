package dev.hermeticbuild.verify;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.bundle.DsseEnvelope;
import dev.hermeticbuild.bundle.DsseSignature;
import dev.hermeticbuild.bundle.MalformedBundleException;
import dev.hermeticbuild.bundle.MessageSignature;
import dev.hermeticbuild.bundle.SigstoreBundle;
import dev.hermeticbuild.bundle.StrictJson;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.provenance.InTotoStatement;
import dev.hermeticbuild.provenance.SlsaProvenance;
import dev.hermeticbuild.provenance.StatementTypes;
import dev.hermeticbuild.sign.KeyAlgorithm;
import dev.hermeticbuild.verify.VerificationFailure.Code;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Verifies Sigstore bundles against a {@link VerifyPolicy}. Order: parse strictly; the hinted
 * key must be unrevoked and trusted (keyless bundles: sigstore-java checks certificate chain,
 * identity and Rekor entry against the policy's trusted root); the signature must verify (the
 * payload is not read before it does); then the statement, the artifact's digest against the
 * subjects (matched by digest only: an artifact is accepted when its SHA-256 equals any
 * subject's, whatever the subject's name) and the policy's provenance checks. Every failure
 * throws a {@link VerificationException} listing each reason.
 */
public final class BundleVerifier {

    private final VerifyPolicy policy;
    private final VerifiedSignatureCache cache;

    /** A verifier with its own cache of verified signatures. */
    public BundleVerifier(VerifyPolicy policy) {
        this(policy, new VerifiedSignatureCache(10_000));
    }

    /** A verifier sharing {@code cache} (e.g. across policies in one process). */
    public BundleVerifier(VerifyPolicy policy, VerifiedSignatureCache cache) {
        this.policy = policy;
        this.cache = cache;
    }

    /** Reads and verifies a bundle file, with the artifact it claims to cover if given. */
    public VerificationResult verify(Path bundleFile, Optional<Path> artifact) {
        byte[] json;
        try {
            json = StrictJson.readCapped(bundleFile, "bundle");
        } catch (MalformedBundleException e) {
            throw new VerificationException(VerificationFailure.of(Code.MALFORMED_BUNDLE, e.getMessage()));
        }
        return verify(json, artifact);
    }

    /** Verifies bundle JSON bytes. */
    public VerificationResult verify(byte[] bundleJson, Optional<Path> artifact) {
        SigstoreBundle bundle;
        try {
            bundle = SigstoreBundle.parse(bundleJson);
        } catch (MalformedBundleException e) {
            throw new VerificationException(VerificationFailure.of(Code.MALFORMED_BUNDLE, e.getMessage()));
        }
        if (bundle.keyless()) {
            return verifyKeyless(bundleJson, bundle, artifact);
        }
        if (artifact.isEmpty() && bundle.content() instanceof MessageSignature) {
            throw new InputException("a message-signature bundle can only be verified with its artifact (--artifact)");
        }
        if (artifact.isEmpty() && policy.artifactRequired()) {
            throw new InputException("no artifact given: give the artifact the bundle covers (--artifact FILE),"
                    + " or allow checking the signature and policy alone (--allow-no-artifact)");
        }
        String keyId = bundle.publicKeyHint().orElseThrow();
        PublicKey key = trustedKey(keyId);
        Optional<byte[]> artifactDigest = artifact.map(a -> Sha256.bytesOfFile(a, "artifact"));
        if (bundle.content() instanceof DsseEnvelope envelope) {
            return verifyEnvelope(envelope, keyId, key, artifactDigest);
        }
        return verifyMessage((MessageSignature) bundle.content(), keyId, key, artifact, artifactDigest);
    }

    /**
     * Verifies bundle JSON bytes against a subject known only by its SHA-256 (32 raw bytes), e.g.
     * an image manifest digest: the same checks as for a file, the digest standing for the file's.
     * Keyless bundles and Ed25519 message signatures need the content itself and are refused.
     */
    public VerificationResult verifySubject(byte[] bundleJson, byte[] subjectSha256) {
        if (subjectSha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest is 32 bytes, got " + subjectSha256.length);
        }
        SigstoreBundle bundle;
        try {
            bundle = SigstoreBundle.parse(bundleJson);
        } catch (MalformedBundleException e) {
            throw new VerificationException(VerificationFailure.of(Code.MALFORMED_BUNDLE, e.getMessage()));
        }
        if (bundle.keyless()) {
            throw new VerificationException(VerificationFailure.of(Code.KEYLESS_UNTRUSTED, "keyless bundle: verifying it"
                    + " against a digest alone (not a file) is not supported"));
        }
        String keyId = bundle.publicKeyHint().orElseThrow();
        PublicKey key = trustedKey(keyId);
        if (bundle.content() instanceof DsseEnvelope envelope) {
            return verifyEnvelope(envelope, keyId, key, Optional.of(subjectSha256.clone()));
        }
        if (KeyAlgorithm.of(key) != KeyAlgorithm.ECDSA_P256) {
            throw new VerificationException(new VerificationFailure(Code.SIGNATURE_INVALID, "signature cannot be checked",
                    "an Ed25519 message signature covers the content, not its digest"));
        }
        return verifyMessage((MessageSignature) bundle.content(), keyId, key, Optional.empty(), Optional.of(subjectSha256.clone()));
    }

    private PublicKey trustedKey(String keyId) {
        Optional<String> revoked = policy.revoked().rejection(keyId);
        if (revoked.isPresent()) {
            throw new VerificationException(VerificationFailure.of(Code.KEY_REVOKED, revoked.get()));
        }
        return policy.keyring().get(keyId)
                .orElseThrow(() -> new VerificationException(new VerificationFailure(Code.UNKNOWN_KEY, "unknown key " + keyId,
                        "trusted key ids: " + (policy.keyring().keyIds().isEmpty() ? "none" : String.join(", ", policy.keyring().keyIds())))));
    }

    private VerificationResult verifyEnvelope(DsseEnvelope envelope, String keyId, PublicKey key,
                                              Optional<byte[]> artifactDigest) {
        List<VerificationFailure> reasons = payloadTypeReasons(envelope);
        byte[] pae = envelope.pae();
        boolean valid = false;
        boolean cached = false;
        for (DsseSignature s : envelope.signatures()) {
            if (!s.keyid().isEmpty() && !s.keyid().equals(keyId)) {
                continue; // a co-signature by another key: not what the hint asks us to check
            }
            String cacheKey = VerifiedSignatureCache.key(keyId, pae, s.sig());
            if (cache.contains(cacheKey)) {
                valid = cached = true;
                break;
            }
            if (SignatureCheck.verify(key, pae, s.sig())) {
                cache.add(cacheKey);
                valid = true;
                break;
            }
        }
        if (!valid) {
            reasons.add(invalidSignature(keyId));
        }
        if (!reasons.isEmpty()) {
            throw new VerificationException(reasons);
        }
        return checkStatement(envelope, keyId, artifactDigest, cached);
    }

    private static List<VerificationFailure> payloadTypeReasons(DsseEnvelope envelope) {
        List<VerificationFailure> reasons = new ArrayList<>();
        if (!envelope.payloadType().equals(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE)) {
            reasons.add(new VerificationFailure(Code.PAYLOAD_TYPE, "payloadType " + envelope.payloadType() + " not in-toto",
                    "expected " + DsseEnvelope.IN_TOTO_PAYLOAD_TYPE));
        }
        return reasons;
    }

    private static VerificationFailure invalidSignature(String keyId) {
        return new VerificationFailure(Code.SIGNATURE_INVALID, "signature invalid",
                "no signature by key " + keyId + " verifies over the signed content");
    }

    private static VerificationFailure subjectMismatch(String artifactHex, List<InTotoStatement.Subject> subjects) {
        StringBuilder found = new StringBuilder("artifact sha256 " + artifactHex + "; subjects: ");
        int shown = Math.min(subjects.size(), 10);
        for (int i = 0; i < shown; i++) {
            found.append(i == 0 ? "" : ", ").append(subjects.get(i).name()).append(" sha256 ").append(subjects.get(i).sha256());
        }
        if (subjects.size() > shown) {
            found.append(" and ").append(subjects.size() - shown).append(" more");
        }
        if (subjects.isEmpty()) {
            found.append("none");
        }
        return new VerificationFailure(Code.SUBJECT_MISMATCH, "subject digest mismatch", found.toString());
    }

    private static VerificationFailure messageMismatch(byte[] artifact, byte[] signed) {
        return new VerificationFailure(Code.SUBJECT_MISMATCH, "subject digest mismatch", "artifact sha256 "
                + HexFormat.of().formatHex(artifact) + "; signed sha256 " + HexFormat.of().formatHex(signed));
    }

    /** Checks run on the statement once its signature is known good. */
    private VerificationResult checkStatement(DsseEnvelope envelope, String signer,
                                              Optional<byte[]> artifactDigest, boolean cached) {
        List<VerificationFailure> reasons = new ArrayList<>();
        InTotoStatement statement;
        try {
            statement = InTotoStatement.parse(envelope.payload(), "$.dsseEnvelope.payload");
        } catch (MalformedBundleException e) {
            throw new VerificationException(VerificationFailure.of(Code.MALFORMED_BUNDLE, e.getMessage()));
        }
        List<VerificationCheck> checks = new ArrayList<>(List.of(VerificationCheck.SIGNATURE, VerificationCheck.PAYLOAD_TYPE));
        List<String> matched = new ArrayList<>();
        Optional<String> artifactHex = artifactDigest.map(d -> HexFormat.of().formatHex(d));
        if (artifactHex.isPresent()) {
            for (InTotoStatement.Subject subject : statement.subjects()) {
                if (MessageDigest.isEqual(subject.sha256().getBytes(), artifactHex.get().getBytes())) {
                    matched.add(subject.name());
                }
            }
            if (matched.isEmpty()) {
                reasons.add(subjectMismatch(artifactHex.get(), statement.subjects()));
            } else {
                checks.add(VerificationCheck.SUBJECT_DIGEST);
            }
        }
        Optional<Instant> finishedOn = Optional.empty();
        if (policy.checksProvenance()) {
            if (!statement.predicateType().equals(StatementTypes.SLSA_PROVENANCE_V1)) {
                reasons.add(VerificationFailure.of(Code.PREDICATE_TYPE, "predicateType " + statement.predicateType() + " is not "
                        + StatementTypes.SLSA_PROVENANCE_V1 + ": provenance checks cannot run"));
            } else {
                ProvenanceFacts facts = ProvenanceFacts.of(slsaProvenance(statement));
                ProvenanceChecks.run(policy, facts, reasons, checks);
                finishedOn = facts.finished();
            }
        }
        if (!reasons.isEmpty()) {
            throw new VerificationException(reasons);
        }
        return new VerificationResult("dsse", signer, artifactHex, matched,
                Optional.of(statement.predicateType()), checks, cached, finishedOn);
    }

    private static SlsaProvenance slsaProvenance(InTotoStatement statement) {
        try {
            return statement.slsaProvenance();
        } catch (MalformedBundleException e) {
            throw new VerificationException(VerificationFailure.of(Code.MALFORMED_BUNDLE, e.getMessage()));
        }
    }

    /**
     * Keyless bundles: sigstore-java checks certificate chain, identity, Rekor entry and
     * signature against the policy's trusted root; then the same statement checks as for keys.
     */
    private VerificationResult verifyKeyless(byte[] json, SigstoreBundle bundle, Optional<Path> artifact) {
        if (policy.keyless().isEmpty()) {
            throw new VerificationException(VerificationFailure.of(Code.KEYLESS_UNTRUSTED, "keyless bundle (Fulcio certificate): no trusted root"
                    + " configured to verify it (--trusted-root, --certificate-identity, --certificate-oidc-issuer)"));
        }
        if (artifact.isEmpty()) {
            throw new InputException("a keyless bundle can only be verified with its artifact (--artifact)");
        }
        KeylessTrust trust = policy.keyless().get();
        if (bundle.content() instanceof DsseEnvelope envelope) {
            List<VerificationFailure> typeReasons = payloadTypeReasons(envelope);
            if (!typeReasons.isEmpty()) {
                throw new VerificationException(typeReasons);
            }
            KeylessCheck.verify(json, artifact.get(), trust);
            return checkStatement(envelope, "keyless:" + trust.certificateIdentity(),
                    artifact.map(a -> Sha256.bytesOfFile(a, "artifact")), false);
        }
        KeylessCheck.verify(json, artifact.get(), trust);
        MessageSignature message = (MessageSignature) bundle.content();
        byte[] digest = Sha256.bytesOfFile(artifact.get(), "artifact");
        if (!MessageDigest.isEqual(digest, message.sha256())) {
            throw new VerificationException(messageMismatch(digest, message.sha256()));
        }
        if (policy.checksProvenance()) {
            throw new VerificationException(VerificationFailure.of(Code.NEEDS_ATTESTATION, MESSAGE_NO_PROVENANCE));
        }
        return new VerificationResult("message-signature", "keyless:" + trust.certificateIdentity(),
                Optional.of(HexFormat.of().formatHex(digest)), List.of(), Optional.empty(),
                List.of(VerificationCheck.KEYLESS_CERTIFICATE, VerificationCheck.SUBJECT_DIGEST, VerificationCheck.SIGNATURE), false,
                Optional.empty());
    }

    private static final String MESSAGE_NO_PROVENANCE = "provenance checks (builder id, source, commit, hermetic,"
            + " max age) need an attestation (DSSE) bundle, got a message signature";

    private VerificationResult verifyMessage(MessageSignature message, String keyId, PublicKey key,
                                             Optional<Path> artifact, Optional<byte[]> artifactDigest) {
        if (artifactDigest.isEmpty()) {
            throw new InputException("a message-signature bundle can only be verified with its artifact (--artifact)");
        }
        List<VerificationFailure> reasons = new ArrayList<>();
        byte[] digest = artifactDigest.orElseThrow();
        if (!MessageDigest.isEqual(digest, message.sha256())) {
            reasons.add(messageMismatch(digest, message.sha256()));
        }
        boolean valid = KeyAlgorithm.of(key) == KeyAlgorithm.ECDSA_P256
                ? SignatureCheck.verifyEcdsaDigest(key, digest, message.signature())
                : SignatureCheck.verifyEd25519File(key, artifact.orElseThrow(), message.signature());
        if (!valid) {
            reasons.add(invalidSignature(keyId));
        }
        if (policy.checksProvenance()) {
            reasons.add(VerificationFailure.of(Code.NEEDS_ATTESTATION, MESSAGE_NO_PROVENANCE));
        }
        if (!reasons.isEmpty()) {
            throw new VerificationException(reasons);
        }
        return new VerificationResult("message-signature", keyId,
                Optional.of(HexFormat.of().formatHex(digest)), List.of(), Optional.empty(),
                List.of(VerificationCheck.SUBJECT_DIGEST, VerificationCheck.SIGNATURE), false, Optional.empty());
    }
}
