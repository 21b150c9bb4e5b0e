package dev.hermeticbuild.bundle;

/**
 * Where the bundles of an artifact live, next to it: {@code A.sigstore.json} holds a message
 * signature, {@code A.provenance.sigstore.json} a signed provenance statement covering it.
 */
public final class BundleNames {

    /** Suffix of a message-signature bundle. */
    public static final String SIGNATURE = ".sigstore.json";
    /** Suffix of a provenance attestation bundle. */
    public static final String PROVENANCE = ".provenance.sigstore.json";

    private BundleNames() {
    }

    /** The signature bundle path for {@code artifact}. */
    public static String signature(String artifact) {
        return artifact + SIGNATURE;
    }

    /** The provenance bundle path for {@code artifact}. */
    public static String provenance(String artifact) {
        return artifact + PROVENANCE;
    }

    /**
     * The bundle a verifier reads by default: the provenance bundle when the policy checks
     * provenance (builder, source, hermetic...), which a bare signature cannot answer; else the signature.
     */
    public static String defaultFor(String artifact, boolean policyChecksProvenance) {
        return policyChecksProvenance ? provenance(artifact) : signature(artifact);
    }
}
