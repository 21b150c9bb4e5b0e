package dev.hermeticbuild.admission;

import dev.hermeticbuild.verify.VerificationFailure;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an {@link ImageVerifier} found for one image under one policy.
 *
 * @param passed                  whether an attestation of the image verified against the policy
 * @param failures                why not, when it did not (at least one then)
 * @param verifiedPredicateTypes  the predicate types of the attestations that verified (a
 *                                reproducibility attestation is required by some rules)
 * @param builtAt                 when the newest verified provenance says its build finished; a
 *                                rule's max age runs from it, so a cached pass ends with it
 */
public record ImageVerdict(boolean passed, List<VerificationFailure> failures, Set<String> verifiedPredicateTypes,
                           Optional<Instant> builtAt) {

    public ImageVerdict {
        failures = List.copyOf(failures);
        verifiedPredicateTypes = Set.copyOf(verifiedPredicateTypes);
        if (passed != failures.isEmpty()) {
            throw new IllegalArgumentException(passed ? "a passed verdict with failures" : "a failed verdict without a reason");
        }
    }

    /** A pass, with the predicate types that verified, of a build whose finish time is not known. */
    public static ImageVerdict pass(Set<String> verifiedPredicateTypes) {
        return pass(verifiedPredicateTypes, Optional.empty());
    }

    /** A pass, with the predicate types that verified and when the newest verified build finished. */
    public static ImageVerdict pass(Set<String> verifiedPredicateTypes, Optional<Instant> builtAt) {
        return new ImageVerdict(true, List.of(), verifiedPredicateTypes, builtAt);
    }

    /** A failure for these reasons. */
    public static ImageVerdict fail(List<VerificationFailure> failures) {
        return new ImageVerdict(false, failures, Set.of(), Optional.empty());
    }
}
