package dev.hermeticbuild.build;

import dev.hermeticbuild.InputException;
import java.util.Locale;

/**
 * The seed document's tiered builds in one switch: {@code dev} is fast and permissive (may run
 * unsandboxed when asked, may be dirty); {@code release} fails closed on every isolation and
 * source check.
 */
public enum Tier {
    DEV, RELEASE;

    public static Tier parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException("--tier " + text + ": expected dev or release");
        }
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
