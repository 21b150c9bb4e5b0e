package dev.hermeticbuild.image.registry;

import dev.hermeticbuild.verify.VerificationFailure;
import dev.hermeticbuild.verify.VerificationResult;
import java.util.List;

/**
 * What verifying an image from its registry found: each attached bundle that passed the policy,
 * and each that did not with its reasons. The image passes when at least one bundle passed.
 *
 * @param image    the image, pinned by digest
 * @param passed   the bundles that verified, with what was checked
 * @param rejected the bundles (or the image itself, when nothing is attached) that did not, with why
 */
public record ImageVerification(ImageRef image, List<Attestation> passed, List<Rejection> rejected) {

    public ImageVerification {
        passed = List.copyOf(passed);
        rejected = List.copyOf(rejected);
    }

    /** Whether the image satisfies the policy: at least one attached bundle verified. */
    public boolean ok() {
        return !passed.isEmpty();
    }

    /** Every rejection's reasons, each prefixed with what it is about. */
    public List<String> reasons() {
        return rejected.stream().flatMap(r -> r.failures().stream().map(f -> r.what() + ": " + f.explained())).toList();
    }

    /** A bundle attached as {@code referrer} (and its layer {@code title}) that verified. */
    public record Attestation(Referrer referrer, String title, VerificationResult result) {
    }

    /** What was rejected ({@code what}: a bundle's title and referrer digest, or the image) and why. */
    public record Rejection(String what, List<VerificationFailure> failures) {

        public Rejection {
            failures = List.copyOf(failures);
        }
    }
}
