package dev.hermeticbuild.admission;

/** What a failed check does: {@code enforce} denies the request, {@code warn} admits it with warnings. */
public enum Mode {
    ENFORCE("enforce"),
    WARN("warn");

    private final String id;

    Mode(String id) {
        this.id = id;
    }

    /** The word the policy file uses. */
    public String id() {
        return id;
    }
}
