package dev.hermeticbuild;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A duration as people write it in messages: {@code 340ms}, {@code 2s}, {@code 2.5s}, {@code 1m 5s}, {@code 2h}, never
 * {@code PT2S}; read back from {@code 90s}, {@code 20m}, {@code 2h}, {@code 7d} or ISO-8601 ({@code PT20M}).
 */
public final class DurationText {

    private DurationText() {
    }

    /** {@code d} in the largest two units it has: {@code 340ms}, {@code 2.5s} under a minute, {@code 1m 5s}, {@code 2h}, {@code 3d 4h}. */
    public static String of(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            long tenths = ms / 100;
            return tenths % 10 == 0 ? tenths / 10 + "s" : tenths / 10 + "." + tenths % 10 + "s";
        }
        long s = d.toSeconds();
        long[] amounts = {s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60};
        String[] units = {"d", "h", "m", "s"};
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < amounts.length && shown < 2; i++) {
            if (amounts[i] != 0) {
                text.append(text.isEmpty() ? "" : " ").append(amounts[i]).append(units[i]);
                shown++;
            } else if (shown > 0) {
                break;
            }
        }
        return text.toString();
    }

    /**
     * Parses a positive duration written as {@code 90s}, {@code 20m}, {@code 2h}, {@code 7d} or ISO-8601;
     * {@code what} names the input (an option, a file and field) in the error.
     */
    public static Duration parse(String what, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
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
                throw new InputException(what + " " + text + ": must be positive");
            }
            return d;
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new InputException(what + " " + text + ": expected a duration such as 90s, 20m, 2h or PT20M");
        }
    }
}
