package dev.hermeticbuild.store;

import java.util.List;

/**
 * What the store keeps of a CycloneDX SBOM: its digest, its components and how complete they are.
 *
 * @param sha256       digest of the SBOM file as given
 * @param components   every component (name, version, purl)
 * @param withPurl     components that carry a package URL
 * @param withHashes   components that carry at least one hash
 * @param withLicenses components that carry at least one license
 * @param complete     components that carry both a package URL and a hash
 */
public record SbomSummary(String sha256, List<Component> components, int withPurl, int withHashes,
                          int withLicenses, int complete) {

    public SbomSummary {
        components = List.copyOf(components);
    }

    /** One SBOM component; empty strings where the SBOM leaves a field out. */
    public record Component(String name, String version, String purl) {
    }

    /**
     * Fraction of components that are fully identified (purl and a hash); 1 for an SBOM with no
     * components.
     */
    public double completeness() {
        if (components.isEmpty()) {
            return 1.0;
        }
        return complete / (double) components.size();
    }
}
