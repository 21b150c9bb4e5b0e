package dev.hermeticbuild.rebuild;

import dev.hermeticbuild.HermeticException;

/**
 * The rebuilder has no installation with the digest a recorded toolchain has: rebuilding with
 * another one would report a false mismatch, so the rebuild does not run. Exit code 2.
 */
public final class ToolchainUnavailableException extends HermeticException {

    public ToolchainUnavailableException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return 2;
    }
}
