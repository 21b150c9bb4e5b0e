package dev.hermeticbuild.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * The one way a test says it needs a tool or a machine property (bubblewrap, SoftHSM, root...):
 * on a developer machine a missing tool skips the test, but under {@code CI=true} (set by
 * {@code .ci/run}, which installs every tool) it fails, so no security test is silently off in CI.
 */
public final class Tools {

    /** The environment variable that marks a CI run, and the value that turns skips into failures. */
    public static final String CI_VARIABLE = "CI";

    private Tools() {
    }

    /** Skips (developer machine) or fails (CI) the calling test unless {@code available}. */
    public static void require(String tool, boolean available, String reason) {
        require(tool, available, reason, System.getenv(CI_VARIABLE));
    }

    /** As {@link #require(String, boolean, String)}, with the value of {@code CI} given. */
    static void require(String tool, boolean available, String reason, String ci) {
        if (available) {
            return;
        }
        String message = tool + " is needed: " + reason;
        if ("true".equalsIgnoreCase(ci == null ? "" : ci.strip())) {
            throw new AssertionError(message + " (CI=true: a missing tool fails the test; .ci/run installs it)");
        }
        Assumptions.abort(message + " (skipped: CI is not true)");
    }
}
