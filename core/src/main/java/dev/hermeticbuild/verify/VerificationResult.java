package dev.hermeticbuild.verify;

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
 * @param checks           the checks that ran and passed, in order, e.g. {@code builder id}
 * @param signatureCached  whether the signature check was answered by the cache of verified results
 */
public record VerificationResult(String kind, String keyId, Optional<String> artifactSha256,
                                 List<String> matchedSubjects, Optional<String> predicateType,
                                 List<String> checks, boolean signatureCached) {

    public VerificationResult {
        matchedSubjects = List.copyOf(matchedSubjects);
        checks = List.copyOf(checks);
    }
}
