package dev.hermeticbuild.build;

import java.util.Locale;
import java.util.Objects;

/**
 * One reason a release build will not run, with a stable code for machines ({@code --json},
 * dashboards) and a sentence naming what to fix.
 *
 * @param code what kind of refusal this is; its {@link Code#id()} never changes between versions
 * @param message what is wrong and where, e.g. the changed files or the lockfile line
 */
public record ReleaseRefusal(Code code, String message) {

    /** The kinds of release refusal; ids are part of the CLI's JSON contract. */
    public enum Code {
        NOT_IN_GIT, DIRTY_TREE, LOCK_INVALID, UNPINNED_INPUT, TOOLCHAIN_WRITABLE;

        /** The stable id, e.g. {@code dirty-tree}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public ReleaseRefusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** How the refusal is printed: {@code [dirty-tree] the working tree differs...}. */
    public String explained() {
        return "[" + code.id() + "] " + message;
    }
}
