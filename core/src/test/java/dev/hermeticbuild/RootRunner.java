package dev.hermeticbuild;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** For tests about a root runner (the build user): they may skip elsewhere, but under {@code CI=true} must run as root. */
public final class RootRunner {

    private RootRunner() {
    }

    public static void require() {
        boolean root = "root".equals(System.getProperty("user.name"));
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(root, "CI=true: the build-user tests must run as root");
        }
        assumeTrue(root, "the build user applies only when the runner is root");
    }
}
