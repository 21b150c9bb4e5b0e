package dev.hermeticbuild.bundle;

import dev.hermeticbuild.HermeticException;

/**
 * A bundle, envelope or signed statement that does not parse strictly: the message names the
 * JSON path of the bad value and what is wrong with it. Exit code 1: the bundle is rejected.
 */
public final class MalformedBundleException extends HermeticException {

    private final String jsonPath;

    public MalformedBundleException(String jsonPath, String what) {
        super("malformed bundle: " + jsonPath + ": " + what);
        this.jsonPath = jsonPath;
    }

    /** The JSON path (e.g. {@code $.dsseEnvelope.signatures[0].sig}) of the rejected value. */
    public String jsonPath() {
        return jsonPath;
    }

    @Override
    public int exitCode() {
        return 1;
    }
}
