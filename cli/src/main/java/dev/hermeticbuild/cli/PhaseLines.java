package dev.hermeticbuild.cli;

import dev.hermeticbuild.build.BuildProgress;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * A build's phases as lines on stderr, {@code hermetic: [2/6] sandbox + egress probe...} when one
 * begins and {@code ... done in 1.2s} when it ends, and a header before each build of several;
 * never on stdout, which {@code --json} keeps for JSON.
 */
final class PhaseLines implements BuildProgress {

    private final PrintWriter err;

    private PhaseLines(PrintWriter err) {
        this.err = err;
    }

    /** Lines on {@code err}, or nothing at all when {@code quiet}. */
    static BuildProgress to(PrintWriter err, boolean quiet) {
        return quiet ? BuildProgress.SILENT : new PhaseLines(err);
    }

    @Override
    public void buildStarting(String header) {
        print("== " + header + " ==");
    }

    @Override
    public void phaseStarted(Phase phase) {
        print(position(phase) + phase.label() + "...");
    }

    @Override
    public void phaseFinished(Phase phase, Duration took) {
        print(position(phase) + phase.label() + " done in " + took(took));
    }

    private static String position(Phase phase) {
        return "[" + phase.number() + "/" + Phase.count() + "] ";
    }

    /** {@code 340ms} under a second, {@code 2.1s} under a minute, {@code 1m 5s} beyond. */
    static String took(Duration took) {
        return dev.hermeticbuild.DurationText.of(took);
    }

    private void print(String line) {
        err.println("hermetic: " + line);
        err.flush();
    }
}
