package dev.hermeticbuild.image.registry;

import dev.hermeticbuild.HermeticException;

/**
 * The registry could not be asked: the connection was refused or failed, it timed out, or it
 * answered a server error (5xx, 429). Says nothing of the image; retrying may help. Exit code 5.
 */
public final class RegistryUnavailableException extends HermeticException {

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 5;
    }
}
