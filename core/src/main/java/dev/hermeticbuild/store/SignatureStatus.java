package dev.hermeticbuild.store;

/** How a record's bundle was checked when it was put into the store. */
public enum SignatureStatus {
    /** Verified against the trusted keys given at put time. */
    VERIFIED,
    /** Verification ran and failed; recorded only because {@code --allow-unverified} was given. */
    FAILED,
    /** No trusted key was given; recorded only because {@code --allow-unverified} was given. */
    UNVERIFIED,
    /** No bundle at all: an unsigned statement (e.g. {@code build --store} without a signing key). */
    UNSIGNED;

    /** The lower-case name written in the store. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The status named {@code label}. */
    public static SignatureStatus of(String label) {
        return valueOf(label.toUpperCase(java.util.Locale.ROOT));
    }
}
