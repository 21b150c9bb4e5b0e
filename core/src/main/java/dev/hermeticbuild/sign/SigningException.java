package dev.hermeticbuild.sign;

import dev.hermeticbuild.HermeticException;

/** Signing itself failed (a token refused, a provider error); not a problem with the input. Exit code 2. */
public final class SigningException extends HermeticException {

    public SigningException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 2;
    }
}
