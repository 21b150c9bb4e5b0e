package dev.hermeticbuild.cli;

import dev.hermeticbuild.build.BuildAttestations;
import dev.hermeticbuild.build.HermeticBuild;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.sign.StrictJson;
import dev.hermeticbuild.store.ProvenanceRecord;
import dev.hermeticbuild.store.ProvenanceStore;
import dev.hermeticbuild.store.ProvenanceStores;
import dev.hermeticbuild.store.RecordIngest;
import dev.hermeticbuild.store.SbomReader;
import dev.hermeticbuild.store.SbomSummary;
import dev.hermeticbuild.store.StoredRecord;
import dev.hermeticbuild.verify.Keyring;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code build --store} and {@code attest --store}: record what was just produced. A bundle is
 * verified against the public key of the signer that made it (integrity of what is stored; whether
 * that key is trusted is for {@code trace --revoked} and the verifier); an unsigned build is
 * recorded as unsigned. The build id comes from {@code HERMETIC_BUILD_ID} when set. With a store
 * key, each record written also signs a checkpoint of the store's head.
 */
final class StoreRecording {

    private StoreRecording() {
    }

    /** Records a finished build from its output directory. */
    static void afterBuild(String storeUrl, Optional<Signer> storeKey, Path outDir, Path provenance, Optional<Signer> signer,
                           PrintWriter err) {
        Path sbomFile = outDir.resolve(HermeticBuild.SBOM_FILE);
        Optional<SbomSummary> sbom = Files.exists(sbomFile)
                ? Optional.of(SbomReader.read(StrictJson.readCapped(sbomFile, "SBOM"), sbomFile.toString()))
                : Optional.empty();
        ProvenanceRecord record;
        if (signer.isPresent()) {
            Path bundle = outDir.resolve(BuildAttestations.PROVENANCE_BUNDLE);
            record = ingest(signer).fromBundle(StrictJson.readCapped(bundle, "bundle"), bundle.toString(), sbom, buildId());
        } else {
            record = ingest(signer).fromStatement(StrictJson.readCapped(provenance, "statement"), provenance.toString(),
                    sbom, buildId());
        }
        append(storeUrl, storeKey, record, err);
    }

    /** Records a bundle {@code hermetic attest} just wrote (keyless bundles: recorded unverified). */
    static void afterAttest(String storeUrl, Optional<Signer> storeKey, Path bundle, Optional<Signer> signer, PrintWriter err) {
        ProvenanceRecord record = (signer.isPresent() ? ingest(signer) : new RecordIngest(Optional.empty(), true, Clock.systemUTC()))
                .fromBundle(StrictJson.readCapped(bundle, "bundle"), bundle.toString(), Optional.empty(), buildId());
        append(storeUrl, storeKey, record, err);
    }

    /**
     * Records the outcome of a reproducibility check or rebuild: one rebuild record per output
     * (feeding the reproducible-build-rate metric and {@code hermetic trace}). A failed rebuild
     * says nothing about reproducibility and is not recorded.
     */
    static void afterReproducibility(String storeUrl, Optional<Signer> storeKey, dev.hermeticbuild.rebuild.ReproducibilityReport report,
                                     PrintWriter err) {
        if (report.status() == dev.hermeticbuild.rebuild.ReproducibilityReport.Status.BUILD_FAILED) {
            err.println("not recorded in the store: a failed rebuild says nothing about reproducibility");
            return;
        }
        RecordIngest ingest = new RecordIngest(Optional.empty(), true, Clock.systemUTC());
        for (var s : report.subjects()) {
            if (s.firstSha256() != null) {
                append(storeUrl, storeKey, ingest.rebuild(s.path(), s.firstSha256(), s.reproducible(), s.explanation(), buildId()), err);
            }
        }
    }

    private static RecordIngest ingest(Optional<Signer> signer) {
        return new RecordIngest(signer.map(s -> VerifyPolicy.builder().keyring(Keyring.of(s.publicKey())).requireHermetic(false).build()), false, Clock.systemUTC());
    }

    private static Optional<String> buildId() {
        return Optional.ofNullable(System.getenv("HERMETIC_BUILD_ID")).filter(s -> !s.isBlank());
    }

    private static void append(String storeUrl, Optional<Signer> storeKey, ProvenanceRecord record, PrintWriter err) {
        try (ProvenanceStore store = ProvenanceStores.open(storeUrl, storeKey)) {
            StoredRecord stored = store.appendOnce(record);
            err.println((stored.record().recordedAt().equals(record.recordedAt()) ? "recorded #" : "already recorded as #")
                    + stored.seq() + " in " + store.describe() + " (" + record.signature().status().label()
                    + "), hash " + stored.hash() + (storeKey.isPresent() ? ", checkpoint signed" : ""));
            err.flush();
        }
    }
}
