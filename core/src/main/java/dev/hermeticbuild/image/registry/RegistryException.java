package dev.hermeticbuild.image.registry;

import dev.hermeticbuild.HermeticException;

/**
 * A registry answered, but its answer was refused: garbage where JSON was due, a digest other
 * than the content's, a redirect to another host, an oversized manifest, an unexpected status.
 * Nothing it sent is trusted. Exit code 1.
 */
public final class RegistryException extends HermeticException {

    public RegistryException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return 1;
    }
}
