package dev.hermeticbuild.admission;

import dev.hermeticbuild.HermeticException;
import java.util.Optional;

/**
 * A request body that is not a readable {@code admission.k8s.io/v1} AdmissionReview. It carries the
 * request uid when that much was readable, so the denial can still be matched to its request.
 */
public final class MalformedReviewException extends HermeticException {

    private final transient Optional<String> uid;

    public MalformedReviewException(String message, Optional<String> uid) {
        super("AdmissionReview: " + message);
        this.uid = uid;
    }

    /** The request's uid, when it could be read. */
    public Optional<String> uid() {
        return uid;
    }

    @Override
    public int exitCode() {
        return 2;
    }
}
