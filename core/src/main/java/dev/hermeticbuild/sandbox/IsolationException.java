package dev.hermeticbuild.sandbox;

import dev.hermeticbuild.HermeticException;

/**
 * Isolation could not be established, or the egress probe reached something it must not:
 * the build does not run. Exit code 3.
 */
public final class IsolationException extends HermeticException {

    public IsolationException(String message) {
        super(message);
    }

    public IsolationException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 3;
    }
}
