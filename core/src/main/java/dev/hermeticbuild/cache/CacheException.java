package dev.hermeticbuild.cache;

import dev.hermeticbuild.HermeticException;

/**
 * The dependency cache refused something: downloaded bytes that do not match the lock, an entry
 * whose bytes changed on disk (poisoned), a locked input missing from the cache, a registry
 * that could not be reached. Exit code 1: the cache is left as it was.
 */
public final class CacheException extends HermeticException {

    public CacheException(String message) {
        super(message);
    }

    public CacheException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 1;
    }
}
