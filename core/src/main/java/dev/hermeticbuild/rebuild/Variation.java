package dev.hermeticbuild.rebuild;

import dev.hermeticbuild.InputException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** One thing a reproducibility check changes between its two builds, to expose a hidden input. */
public enum Variation {
    /** The clock, shifted by 397 days (faketime); SOURCE_DATE_EPOCH stays the same. */
    TIME,
    /** TZ set to UTC+14 instead of UTC. */
    TIMEZONE,
    /** Another locale (another language where one is installed, else POSIX/ASCII instead of C.UTF-8). */
    LOCALE,
    /** Umask 002 instead of 022. */
    UMASK,
    /** The workspace mounted at another, deeper path. */
    BUILD_PATH,
    /** Another host name. */
    HOSTNAME,
    /** Directory listings in another order (disorderfs). */
    FILE_ORDER,
    /** One CPU seen instead of all (taskset). */
    CPUS;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code time,timezone,...} or {@code all}. */
    public static Set<Variation> parse(String list) {
        if (list.isBlank() || list.equals("all")) {
            return EnumSet.allOf(Variation.class);
        }
        Set<Variation> result = EnumSet.noneOf(Variation.class);
        for (String word : list.split(",")) {
            String w = word.trim();
            result.add(Arrays.stream(values()).filter(v -> v.cliName().equals(w)).findFirst()
                    .orElseThrow(() -> new InputException("--vary " + w + ": expected all or a list of "
                            + Arrays.stream(values()).map(Variation::cliName).collect(Collectors.joining(",")))));
        }
        return result;
    }
}
