package dev.hermeticbuild.admission;

/** What happens to an image the policy cannot decide on (registry down, no rule for it): denied unless the policy allows it. */
public enum Fallback {
    DENY("deny"),
    ALLOW("allow");

    private final String id;

    Fallback(String id) {
        this.id = id;
    }

    /** The word the policy file uses. */
    public String id() {
        return id;
    }
}
