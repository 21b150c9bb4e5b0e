package dev.hermeticbuild.admission;

import dev.hermeticbuild.HermeticException;

/**
 * The registry holding an image's attestations could not be reached or answered something that
 * is not a registry's answer: no verdict, so the policy's failure policy decides (deny by default). Exit code 5, as for every unreachable registry.
 */
public class RegistryUnavailableException extends HermeticException {

    public RegistryUnavailableException(String message) {
        super(message);
    }

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 5;
    }
}
