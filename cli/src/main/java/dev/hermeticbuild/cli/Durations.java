package dev.hermeticbuild.cli;

import dev.hermeticbuild.InputException;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Parses durations written as {@code 90s}, {@code 20m}, {@code 2h}, {@code 7d} or ISO-8601 ({@code PT20M});
 * {@link dev.hermeticbuild.DurationText} prints them back the same way.
 */
final class Durations {

    private Durations() {
    }

    static Duration parse(String option, String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            Duration d;
            if (t.matches("\\d+[smhd]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(t);
            }
            if (d.isNegative() || d.isZero()) {
                throw new InputException(option + " " + text + ": must be positive");
            }
            return d;
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new InputException(option + " " + text + ": expected a duration such as 90s, 20m, 2h or PT20M");
        }
    }
}
