package dev.hermeticbuild.build;

import dev.hermeticbuild.PolicyException;
import java.util.List;

/**
 * A release build refused before it ran, carrying every reason found at once (not the first
 * only), each with a stable code. Exit code 1, as every policy refusal.
 */
public final class ReleaseRefusedException extends PolicyException {

    private final List<ReleaseRefusal> refusals;

    public ReleaseRefusedException(List<ReleaseRefusal> refusals) {
        super(message(refusals));
        this.refusals = List.copyOf(refusals);
    }

    /** The refusals, in the order the runner checked them. */
    public List<ReleaseRefusal> refusals() {
        return refusals;
    }

    private static String message(List<ReleaseRefusal> refusals) {
        if (refusals.isEmpty()) {
            throw new IllegalArgumentException("a release refusal needs a reason");
        }
        if (refusals.size() == 1) {
            return "release build refused: " + refusals.get(0).explained();
        }
        StringBuilder text = new StringBuilder("release build refused for " + refusals.size() + " reasons:");
        refusals.forEach(r -> text.append("\n  ").append(r.explained()));
        return text.toString();
    }
}
