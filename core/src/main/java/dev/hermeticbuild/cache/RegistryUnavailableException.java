package dev.hermeticbuild.cache;

import dev.hermeticbuild.HermeticException;

/**
 * No configured registry could serve a locked input: every one refused the connection, timed
 * out or answered a server error (5xx, 429). Nothing about the inputs was wrong and nothing
 * partial was kept, so retrying may help. Exit code 5.
 */
public final class RegistryUnavailableException extends HermeticException {

    public RegistryUnavailableException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return 5;
    }
}
