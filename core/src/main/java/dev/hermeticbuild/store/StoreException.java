package dev.hermeticbuild.store;

import dev.hermeticbuild.HermeticException;

/**
 * The provenance store cannot be used: unreachable, not ours, of an unknown schema version, or a
 * write that failed (and left nothing behind). The message names the store. Exit code 2.
 */
public final class StoreException extends HermeticException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 2;
    }
}
