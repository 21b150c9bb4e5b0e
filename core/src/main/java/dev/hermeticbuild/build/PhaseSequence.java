package dev.hermeticbuild.build;

import java.time.Duration;

/** Walks a build's phases in order for a {@link BuildProgress}: beginning one ends the one before it, timed. */
final class PhaseSequence {

    private final BuildProgress progress;
    private BuildProgress.Phase current;
    private long startedNanos;

    PhaseSequence(BuildProgress progress) {
        this.progress = java.util.Objects.requireNonNull(progress, "progress");
    }

    void begin(BuildProgress.Phase next) {
        end();
        current = next;
        startedNanos = System.nanoTime();
        progress.phaseStarted(next);
    }

    void end() {
        if (current != null) {
            BuildProgress.Phase ended = current;
            current = null;
            progress.phaseFinished(ended, Duration.ofNanos(System.nanoTime() - startedNanos));
        }
    }
}
