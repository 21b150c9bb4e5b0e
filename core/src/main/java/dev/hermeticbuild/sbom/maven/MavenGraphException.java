package dev.hermeticbuild.sbom.maven;

import dev.hermeticbuild.HermeticException;

/**
 * A Maven dependency graph that could not be resolved at all, or was refused because its input is
 * pathological (too deep, too large, a runaway parent or import chain): the message names the POM
 * or artifact and the limit. Problems that leave a usable graph go to {@code DependencyGraph.problems} instead.
 */
public final class MavenGraphException extends HermeticException {

    public MavenGraphException(String message) {
        super(message);
    }

    public MavenGraphException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A bad input, as for every other refused file: exit code 2. */
    @Override
    public int exitCode() {
        return 2;
    }
}
