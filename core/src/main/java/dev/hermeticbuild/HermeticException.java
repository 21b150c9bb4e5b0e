package dev.hermeticbuild;

/**
 * Base of every error the engine reports to a user: it carries the process exit code the CLI
 * uses (see DESIGN.md) and a message that names the bad input and what is wrong with it.
 */
public abstract class HermeticException extends RuntimeException {

    protected HermeticException(String message) {
        super(message);
    }

    protected HermeticException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The exit code of the `hermetic` command when this error ends it. */
    public abstract int exitCode();
}
