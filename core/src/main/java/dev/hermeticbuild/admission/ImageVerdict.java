package dev.hermeticbuild.admission;

import dev.hermeticbuild.verify.VerificationFailure;
import java.util.List;
import java.util.Set;

/**
 * What an {@link ImageVerifier} found for one image under one policy.
 *
 * @param passed                  whether an attestation of the image verified against the policy
 * @param failures                why not, when it did not (at least one then)
 * @param verifiedPredicateTypes  the predicate types of the attestations that verified (a
 *                                reproducibility attestation is required by some rules)
 */
public record ImageVerdict(boolean passed, List<VerificationFailure> failures, Set<String> verifiedPredicateTypes) {

    public ImageVerdict {
        failures = List.copyOf(failures);
        verifiedPredicateTypes = Set.copyOf(verifiedPredicateTypes);
        if (passed != failures.isEmpty()) {
            throw new IllegalArgumentException(passed ? "a passed verdict with failures" : "a failed verdict without a reason");
        }
    }

    /** A pass, with the predicate types that verified. */
    public static ImageVerdict pass(Set<String> verifiedPredicateTypes) {
        return new ImageVerdict(true, List.of(), verifiedPredicateTypes);
    }

    /** A failure for these reasons. */
    public static ImageVerdict fail(List<VerificationFailure> failures) {
        return new ImageVerdict(false, failures, Set.of());
    }
}
