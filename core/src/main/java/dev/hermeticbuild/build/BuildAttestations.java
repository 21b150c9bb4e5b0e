package dev.hermeticbuild.build;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.bundle.StrictJson;
import dev.hermeticbuild.sbom.SbomStatement;
import dev.hermeticbuild.sign.BundleSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Signs a finished build's provenance and SBOM, in the runner, after the sandbox is gone: the
 * key or token is never visible to the build ({@link SigningKey}). Writes {@code OUT/provenance.sigstore.json} (SLSA
 * provenance) and {@code OUT/sbom.sigstore.json} (CycloneDX predicate), both DSSE bundles.
 */
public final class BuildAttestations {

    public static final String PROVENANCE_BUNDLE = "provenance.sigstore.json";
    public static final String SBOM_BUNDLE = "sbom.sigstore.json";

    private BuildAttestations() {
    }

    /** The bundles written, in order: provenance, SBOM. */
    public static List<Path> attest(BuildResult result, BundleSigner signer, Path outDir) {
        Path provenance = result.provenanceFile().orElseThrow(() -> new IllegalStateException("a failed build is never signed"));
        return attest(provenance, signer, outDir);
    }

    /** Signs {@code outDir}'s provenance and SBOM; the bundles written, in order: provenance, SBOM. */
    static List<Path> attest(Path provenance, BundleSigner signer, Path outDir) {
        try {
            Path provenanceBundle = outDir.resolve(PROVENANCE_BUNDLE);
            byte[] statement = StrictJson.readCapped(provenance, "provenance");
            Files.write(provenanceBundle, signer.attest(statement, provenance.toString()));
            Path sbom = outDir.resolve(HermeticBuild.SBOM_FILE);
            byte[] sbomStatement = SbomStatement.of(statement, Files.readAllBytes(sbom));
            Path sbomBundle = outDir.resolve(SBOM_BUNDLE);
            Files.write(sbomBundle, signer.attest(sbomStatement, "SBOM statement"));
            return List.of(provenanceBundle, sbomBundle);
        } catch (IOException e) {
            throw new InputException("cannot write attestations to " + outDir + ": " + e.getMessage(), e);
        }
    }
}
