package dev.hermeticbuild.cli;

import dev.hermeticbuild.build.BuildAttestations;
import dev.hermeticbuild.build.HermeticBuild;
import dev.hermeticbuild.bundle.StrictJson;
import dev.hermeticbuild.rebuild.ReproducibilityReport;
import dev.hermeticbuild.sign.BundleSigner;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.store.Evidence;
import dev.hermeticbuild.store.ProvenanceRecord;
import dev.hermeticbuild.store.RebuildEvidence;
import dev.hermeticbuild.store.Recorded;
import dev.hermeticbuild.store.StoreRecorder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code build --store}, {@code attest --store} and the reproducibility commands' {@code --store}:
 * reads what was just produced and hands it to {@link StoreRecorder}, which decides what is
 * recorded and how. The build id comes from {@code HERMETIC_BUILD_ID} when set; with a store key,
 * each record written also signs a checkpoint of the store's head.
 */
final class StoreRecording {

    private StoreRecording() {
    }

    /** Records a finished build from its output directory: its bundle when it was signed, else its statement. */
    static void afterBuild(String storeUrl, Optional<Signer> storeKey, Path outDir, Path provenance, Optional<BundleSigner> signer,
                           PrintWriter err) {
        Path sbomFile = outDir.resolve(HermeticBuild.SBOM_FILE);
        Optional<Evidence> sbom = Files.exists(sbomFile) ? Optional.of(read(sbomFile, "SBOM")) : Optional.empty();
        StoreRecorder recorder = recorder(storeUrl, storeKey);
        Recorded recorded = signer
                .map(s -> recorder.bundle(read(outDir.resolve(BuildAttestations.PROVENANCE_BUNDLE), "bundle"),
                        s.publicKey(), sbom))
                .orElseGet(() -> recorder.statement(read(provenance, "statement"), sbom));
        report(recorded, err);
    }

    /** Records a bundle {@code hermetic attest} just wrote (keyless bundles: recorded unverified). */
    static void afterAttest(String storeUrl, Optional<Signer> storeKey, Path bundle, BundleSigner signer, PrintWriter err) {
        report(recorder(storeUrl, storeKey).bundle(read(bundle, "bundle"), signer.publicKey(), Optional.empty()), err);
    }

    /** Records the outcome of a reproducibility check or rebuild: one rebuild record per output. */
    static void afterReproducibility(String storeUrl, Optional<Signer> storeKey, ReproducibilityReport report, PrintWriter err) {
        RebuildEvidence evidence = new RebuildEvidence(report.status() != ReproducibilityReport.Status.BUILD_FAILED,
                report.subjects().stream().map(s -> new RebuildEvidence.Compared(s.path(), s.firstSha256(), s.reproducible(),
                        s.explanation())).toList());
        recorder(storeUrl, storeKey).rebuild(evidence).lines().forEach(line -> print(line, err));
    }

    /**
     * Records one deploy-time check by {@code hermetic verify} of the subject {@code name} with
     * {@code sha256} (a file, or an image by manifest digest, found at {@code reference}): passed,
     * or refused for {@code reasons}.
     */
    static void afterVerification(String storeUrl, Optional<Signer> storeKey, String name, String sha256, String reference,
                                  boolean passed, List<String> reasons, PrintWriter err) {
        var outcome = new ProvenanceRecord.VerificationOutcome(sha256, "verify", Optional.of(reference), passed, reasons);
        report(recorder(storeUrl, storeKey).verification(name, outcome), err);
    }

    private static StoreRecorder recorder(String storeUrl, Optional<Signer> storeKey) {
        return new StoreRecorder(storeUrl, storeKey,
                Optional.ofNullable(System.getenv("HERMETIC_BUILD_ID")).filter(s -> !s.isBlank()));
    }

    private static Evidence read(Path file, String what) {
        return new Evidence(file.toString(), StrictJson.readCapped(file, what));
    }

    private static void report(Recorded recorded, PrintWriter err) {
        print(recorded.summary(), err);
    }

    private static void print(String line, PrintWriter err) {
        err.println(line);
        err.flush();
    }
}
