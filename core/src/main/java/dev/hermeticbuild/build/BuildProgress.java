package dev.hermeticbuild.build;

import java.time.Duration;

/**
 * Hears where a build is in its walk: each phase as it begins and ends, and, when one command
 * runs several builds ({@code check-reproducible}), which build begins. Every method does nothing
 * unless overridden; {@link #SILENT} hears nothing.
 */
public interface BuildProgress {

    BuildProgress SILENT = new BuildProgress() {
    };

    /** The phases of one build, in the order they run. */
    enum Phase {
        SOURCE("source"), SANDBOX("sandbox + egress probe"), BUILD("build"), OUTPUTS("outputs"), SBOM("SBOM"),
        PROVENANCE("provenance + signing");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        /** How a person calls the phase, e.g. {@code sandbox + egress probe}. */
        public String label() {
            return label;
        }

        /** The phase's place in the walk, from 1. */
        public int number() {
            return ordinal() + 1;
        }

        /** How many phases a build has. */
        public static int count() {
            return values().length;
        }
    }

    /** One of several builds of a command begins; {@code header} says which, e.g. {@code build 1 of 2: ...}. */
    default void buildStarting(String header) {
    }

    default void phaseStarted(Phase phase) {
    }

    /** {@code phase} ended after {@code took}; a phase that fails does not end. */
    default void phaseFinished(Phase phase, Duration took) {
    }
}
