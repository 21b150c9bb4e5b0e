package dev.hermeticbuild.verify;

import dev.hermeticbuild.HermeticException;
import java.util.List;

/**
 * A bundle or artifact failed verification. Carries every failure found, each with a stable
 * code and a sentence a user can act on ({@code subject digest mismatch}, {@code key <id>
 * revoked: <why>}...). Exit code 1.
 */
public final class VerificationException extends HermeticException {

    private final List<VerificationFailure> failures;

    public VerificationException(List<VerificationFailure> failures) {
        super("verification failed: " + String.join("; ", failures.stream().map(VerificationFailure::explained).toList()));
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("a verification failure needs a reason");
        }
        this.failures = List.copyOf(failures);
    }

    public VerificationException(VerificationFailure failure) {
        this(List.of(failure));
    }

    /** The failures, in the order found. */
    public List<VerificationFailure> failures() {
        return failures;
    }

    /** The failures' short messages, in the order found. */
    public List<String> reasons() {
        return failures.stream().map(VerificationFailure::message).toList();
    }

    @Override
    public int exitCode() {
        return 1;
    }
}
