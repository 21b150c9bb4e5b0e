package dev.hermeticbuild.build;

import java.io.PrintStream;

/**
 * Wall-clock time of each phase of one build, for benchmarks ({@code bench/real-build.sh}): with
 * {@code HERMETIC_PHASE_TIMES=1} in the runner's environment each phase prints one line
 * {@code hermetic: phase NAME MS ms} to stderr; otherwise it prints nothing.
 */
final class PhaseClock {

    static final String ENVIRONMENT_VARIABLE = "HERMETIC_PHASE_TIMES";

    private final PrintStream sink;
    private long last = System.nanoTime();

    private PhaseClock(PrintStream sink) {
        this.sink = sink;
    }

    static PhaseClock fromEnvironment() {
        return "1".equals(System.getenv(ENVIRONMENT_VARIABLE)) ? printingTo(System.err) : silent();
    }

    static PhaseClock printingTo(PrintStream sink) {
        return new PhaseClock(java.util.Objects.requireNonNull(sink));
    }

    static PhaseClock silent() {
        return new PhaseClock(null);
    }

    /** Ends the phase that began at the previous lap (or at creation) and names it. */
    void lap(String phase) {
        if (sink == null) {
            return;
        }
        long now = System.nanoTime();
        sink.println("hermetic: phase " + phase + " " + (now - last) / 1_000_000 + " ms");
        last = now;
    }
}
