package dev.hermeticbuild.admission;

/**
 * Why an image, or a whole request, was admitted or refused. Each id is part of the webhook's
 * contract (audit log, metrics labels, response messages) and is spelled out here, so renaming a
 * constant cannot change it.
 */
public enum Reason {
    VERIFIED("verified"),
    EXEMPT_NAMESPACE("exempt-namespace"),
    UNCHANGED_ON_UPDATE("unchanged-on-update"),
    OPERATION_NOT_CHECKED("operation-not-checked"),
    NOT_PINNED("not-pinned"),
    MALFORMED_IMAGE("malformed-image"),
    NO_MATCHING_RULE("no-matching-rule"),
    VERIFICATION_FAILED("verification-failed"),
    NO_REPRODUCIBILITY_ATTESTATION("no-reproducibility-attestation"),
    REGISTRY_UNAVAILABLE("registry-unavailable"),
    UNSUPPORTED_KIND("unsupported-kind"),
    MALFORMED_OBJECT("malformed-object"),
    MALFORMED_REVIEW("malformed-review"),
    INTERNAL_ERROR("internal-error");

    private final String id;

    Reason(String id) {
        this.id = id;
    }

    /** The stable id, e.g. {@code not-pinned}. */
    public String id() {
        return id;
    }
}
