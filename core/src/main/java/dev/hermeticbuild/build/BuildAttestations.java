package dev.hermeticbuild.build;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.sandbox.SandboxSpec;
import dev.hermeticbuild.sbom.SbomStatement;
import dev.hermeticbuild.sign.Attestor;
import dev.hermeticbuild.sign.Signer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Signs a finished build's provenance and SBOM, in the runner, after the sandbox is gone: the
 * key is never visible to the build. Writes {@code OUT/provenance.sigstore.json} (SLSA
 * provenance) and {@code OUT/sbom.sigstore.json} (CycloneDX predicate), both DSSE bundles.
 */
public final class BuildAttestations {

    public static final String PROVENANCE_BUNDLE = "provenance.sigstore.json";
    public static final String SBOM_BUNDLE = "sbom.sigstore.json";

    private BuildAttestations() {
    }

    /**
     * Refuses a key the build could read: inside the workspace (mounted read-write) or under a
     * system directory the sandbox shows read-only.
     */
    public static void refuseVisibleToBuild(String option, Path key, Path workspace) {
        Path real;
        try {
            real = key.toRealPath();
        } catch (IOException e) {
            return; // not a file (a pkcs11: reference, or missing: the signer reports it)
        }
        if (SandboxSpec.visibleInside(real, workspace)) {
            throw new InputException(option + " " + key + " lies where the sandboxed build can read it ("
                    + real + "); keep signing keys and passphrases outside the workspace and outside /usr and /etc");
        }
    }

    /** The bundles written, in order: provenance, SBOM. */
    public static List<Path> attest(BuildResult result, Signer signer, Path outDir) {
        Path provenance = result.provenanceFile().orElseThrow(() -> new IllegalStateException("a failed build is never signed"));
        try {
            Path provenanceBundle = outDir.resolve(PROVENANCE_BUNDLE);
            Files.write(provenanceBundle, Attestor.attest(provenance, signer));
            Path sbom = outDir.resolve(HermeticBuild.SBOM_FILE);
            byte[] sbomStatement = SbomStatement.of(Files.readAllBytes(provenance), Files.readAllBytes(sbom));
            Path sbomBundle = outDir.resolve(SBOM_BUNDLE);
            Files.write(sbomBundle, Attestor.attest(sbomStatement, "SBOM statement", signer));
            return List.of(provenanceBundle, sbomBundle);
        } catch (IOException e) {
            throw new InputException("cannot write attestations to " + outDir + ": " + e.getMessage(), e);
        }
    }
}
