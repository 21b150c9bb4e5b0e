package dev.hermeticbuild.provenance;

/**
 * The type URIs of the statements this project writes and reads, each said once: the in-toto
 * statement type, the predicate types, our buildTypes and the media types a descriptor names.
 */
public final class StatementTypes {

    /** in-toto Statement v1 ({@code _type}). */
    public static final String STATEMENT_V1 = "https://in-toto.io/Statement/v1";
    /** SLSA Provenance v1 predicate. */
    public static final String SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";
    /** A CycloneDX SBOM as predicate. */
    public static final String CYCLONEDX_BOM = "https://cyclonedx.org/bom";
    /** Our reproducibility result predicate. */
    public static final String REPRODUCIBILITY_V1 = "https://hermetic-build.dev/reproducibility/v1";
    /** The buildType of a runner's build (documented in docs/reference/build-type-v1.md). */
    public static final String HERMETIC_BUILD_V1 = "https://hermetic-build.dev/build/v1";
    /** The buildType of a statement a CI controller makes about artifacts it digested. */
    public static final String CI_BUILD_V1 = "https://hermetic-build.dev/ci/v1";
    /** Media type of a CycloneDX JSON document. */
    public static final String CYCLONEDX_JSON = "application/vnd.cyclonedx+json";
    /** Media type of an in-toto statement. */
    public static final String IN_TOTO_JSON = "application/vnd.in-toto+json";

    private StatementTypes() {
    }
}
