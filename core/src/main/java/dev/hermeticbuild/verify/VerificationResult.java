package dev.hermeticbuild.verify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A bundle that passed verification: what was checked and against what.
 *
 * @param kind             {@code dsse} (attestation) or {@code message-signature}
 * @param keyId            the trusted key whose signature verified
 * @param artifactSha256   the artifact's digest, when an artifact was checked
 * @param matchedSubjects  names of the statement subjects whose digest is the artifact's
 * @param predicateType    the statement's predicate type (empty for message signatures)
 * @param passed           the checks that ran and passed, in order
 * @param signatureCached  whether the signature check was answered by the cache of verified results
 * @param finishedOn       when the provenance says the build finished (or started), when provenance
 *                         checks read it; a cached pass must not outlive the policy's max age from it
 */
public record VerificationResult(String kind, String keyId, Optional<String> artifactSha256,
                                 List<String> matchedSubjects, Optional<String> predicateType,
                                 List<VerificationCheck> passed, boolean signatureCached,
                                 Optional<Instant> finishedOn) {

    public VerificationResult {
        matchedSubjects = List.copyOf(matchedSubjects);
        passed = List.copyOf(passed);
    }

    /** The labels of the checks that passed, in order, e.g. {@code builder id}: what the CLI and Jenkins show. */
    public List<String> checks() {
        return passed.stream().map(VerificationCheck::label).toList();
    }
}
