package dev.hermeticbuild.build;

import java.util.Objects;

/**
 * One reason a release build will not run, with a stable code for machines ({@code --json},
 * dashboards) and a sentence naming what to fix.
 *
 * @param code what kind of refusal this is; its {@link Code#id()} never changes between versions
 * @param message what is wrong and where, e.g. the changed files or the lockfile line
 */
public record ReleaseRefusal(Code code, String message) {

    /**
     * The kinds of release refusal. Each id is part of the CLI's JSON contract and is spelled out
     * here, so renaming a constant cannot change it.
     */
    public enum Code {
        NOT_IN_GIT("not-in-git"),
        DIRTY_TREE("dirty-tree"),
        LOCK_INVALID("lock-invalid"),
        UNPINNED_INPUT("unpinned-input"),
        TOOLCHAIN_WRITABLE("toolchain-writable");

        private final String id;

        Code(String id) {
            this.id = id;
        }

        /** The stable id, e.g. {@code dirty-tree}. */
        public String id() {
            return id;
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
