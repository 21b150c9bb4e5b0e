package dev.hermeticbuild.store;

import dev.hermeticbuild.HermeticException;

/** A query matched no record (an unknown digest, commit or build id). Exit code 1, never an empty success. */
public final class NotFoundException extends HermeticException {

    public NotFoundException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return 1;
    }
}
