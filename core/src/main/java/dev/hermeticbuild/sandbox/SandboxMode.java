package dev.hermeticbuild.sandbox;

import dev.hermeticbuild.InputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the user asked for with {@code --sandbox}. */
public enum SandboxMode {
    /** The strongest namespace mechanism available; never falls back to no sandbox. */
    AUTO,
    /** Any namespace mechanism (same choice as AUTO; kept for DESIGN.md's CLI surface). */
    NAMESPACE,
    /** bubblewrap, or fail. */
    BUBBLEWRAP,
    /** util-linux unshare, or fail. */
    UNSHARE,
    /** No isolation: dev tier only, recorded as non-hermetic. */
    NONE;

    public static SandboxMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException("--sandbox " + text + ": expected one of "
                    + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining("|")));
        }
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
