package dev.hermeticbuild.jenkins;

import dev.hermeticbuild.Printable;
import dev.hermeticbuild.HermeticException;
import hudson.AbortException;

/**
 * Runs a step's body and turns the engine's refusals into {@link AbortException}, which Pipeline
 * prints as one line without a stack trace.
 */
final class OneLine {

    /** A step body. */
    interface Body<T> {
        T run() throws Exception;
    }

    private OneLine() {
    }

    static <T> T run(Body<T> body) throws Exception {
        try {
            return body.run();
        } catch (HermeticException e) {
            throw new AbortException(Printable.escapeKeepingLines(e.getMessage()));
        }
    }
}
