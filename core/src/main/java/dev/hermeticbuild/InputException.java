package dev.hermeticbuild;

/** A bad input: a missing or malformed file, option or path. Exit code 2. */
public final class InputException extends HermeticException {

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 2;
    }
}
