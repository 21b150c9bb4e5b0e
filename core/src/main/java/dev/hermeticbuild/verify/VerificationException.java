package dev.hermeticbuild.verify;

import dev.hermeticbuild.HermeticException;
import java.util.List;

/**
 * A bundle or artifact failed verification. Carries every reason found, each a sentence a user
 * can act on ({@code subject digest mismatch}, {@code key <id> revoked: <why>}...). Exit code 1.
 */
public final class VerificationException extends HermeticException {

    private final List<String> reasons;

    public VerificationException(List<String> reasons) {
        super("verification failed: " + String.join("; ", reasons));
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a verification failure needs a reason");
        }
        this.reasons = List.copyOf(reasons);
    }

    /** The reasons, in the order found. */
    public List<String> reasons() {
        return reasons;
    }

    @Override
    public int exitCode() {
        return 1;
    }
}
