package dev.hermeticbuild;

/**
 * A policy check refused the request (a dirty tree for a release build, say). Exit code 1, the
 * same as a failed verification: the input was well-formed but is not acceptable.
 */
public class PolicyException extends HermeticException {

    public PolicyException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return 1;
    }
}
