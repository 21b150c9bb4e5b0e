package dev.hermeticbuild.verify;

/**
 * One check a bundle passed. Each label is what {@code verify} prints and its {@code --json}
 * lists in {@code checks[]}; it is spelled out here, so renaming a constant cannot change it.
 */
public enum VerificationCheck {
    SIGNATURE("signature"),
    PAYLOAD_TYPE("payloadType"),
    KEYLESS_CERTIFICATE("keyless certificate and transparency log"),
    SUBJECT_DIGEST("subject digest"),
    BUILDER_ID("builder id"),
    SOURCE("source"),
    SOURCE_COMMIT("source commit"),
    HERMETIC("hermetic"),
    MAX_AGE("max age");

    private final String label;

    VerificationCheck(String label) {
        this.label = label;
    }

    /** The stable label, e.g. {@code subject digest}. */
    public String label() {
        return label;
    }
}
