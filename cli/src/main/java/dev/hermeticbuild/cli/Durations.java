package dev.hermeticbuild.cli;

import dev.hermeticbuild.DurationText;
import java.time.Duration;

/** Parses the CLI's duration options with {@link DurationText#parse}, which prints them back the same way. */
final class Durations {

    private Durations() {
    }

    static Duration parse(String option, String text) {
        return DurationText.parse(option, text);
    }
}
