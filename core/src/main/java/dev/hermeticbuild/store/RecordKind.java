package dev.hermeticbuild.store;

/** What a store record says: a build's provenance, the outcome of rebuilding an artifact, or of checking one before it ran. */
public enum RecordKind {
    /** A build's provenance (signed bundle, or an unsigned statement), with its SBOM summary. */
    BUILD,
    /** A later rebuild of one subject from its recorded inputs, and whether it was bit-for-bit equal. */
    REBUILD,
    /**
     * A check of one artifact or image against a policy where it is deployed ({@code hermetic
     * verify --store}, the admission webhook): passed or refused, with the refusal's reason codes.
     */
    VERIFICATION;

    /** The lower-case name written in the store. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind named {@code label}; an unknown name is a corrupt record. */
    public static RecordKind of(String label) {
        for (RecordKind k : values()) {
            if (k.label().equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown record kind " + label);
    }
}
