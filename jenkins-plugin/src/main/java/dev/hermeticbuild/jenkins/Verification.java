package dev.hermeticbuild.jenkins;

import dev.hermeticbuild.Printable;
import dev.hermeticbuild.bundle.BundleNames;
import dev.hermeticbuild.image.OciLayout;
import dev.hermeticbuild.verify.BundleVerifier;
import dev.hermeticbuild.verify.VerificationException;
import dev.hermeticbuild.verify.VerificationResult;
import dev.hermeticbuild.verify.VerifyPolicy;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * {@code verifyArtifact} on the controller: the artifact (or an image layout, checked as its
 * manifest or index) is copied here and digested by the
 * engine's verifier against trusted keys (global and the step's credential) and the policy.
 * The outcome is recorded on the Provenance tab either way; a failure fails the build with every reason.
 */
final class Verification {

    private Verification() {
    }

    static Map<String, Object> verify(StepContext c, VerifyArtifactStep step) throws IOException, InterruptedException {
        Run<?, ?> run = c.get(Run.class);
        FilePath ws = c.get(FilePath.class);
        VerifyPolicy policy = VerifyPolicy.builder().keyring(Keys.trusted(run, step.getCredentialsId()))
                .builderIds(blankless(step.getBuilderId()).map(Set::of).orElse(Set.of()))
                .requireHermetic(step.isRequireHermetic()).build();
        String bundle = BundleNames.defaultFor(step.getArtifact(), policy.checksProvenance());
        byte[] bundleJson = RunFiles.read(ws.child(bundle));
        List<String> images = ImageLayouts.split(ws, step.getArtifact()).images();
        Optional<OciLayout> image = images.isEmpty() ? Optional.empty() : Optional.of(ImageLayouts.fetch(run, ws, images.get(0)));
        Path local = image.isPresent() ? image.get().signedBlob() : RunFiles.fetch(run, ws.child(step.getArtifact()));
        ProvenanceAction action = RunFiles.action(run);
        try {
            VerificationResult r = new BundleVerifier(policy).verify(bundleJson, Optional.of(local));
            action.addVerification(new VerificationRecord(step.getArtifact(), true, r.keyId(), r.checks()));
            return result(r);
        } catch (VerificationException e) {
            action.addVerification(new VerificationRecord(step.getArtifact(), false, null, e.reasons()));
            throw new AbortException(Text.get("Verify.Failed", Printable.escape(step.getArtifact()),
                    Printable.escape(String.join("; ", e.reasons()))));
        } finally {
            if (image.isPresent()) {
                ImageLayouts.delete(image.get().root());
            } else {
                Files.deleteIfExists(local);
            }
            run.save();
        }
    }

    /** What a Jenkinsfile gets back from a passed verification. */
    static Map<String, Object> result(VerificationResult r) {
        return Results.map("verified", true, "kind", r.kind(), "keyId", r.keyId(),
                "sha256", r.artifactSha256().orElse(null), "checks", Results.list(r.checks()),
                "matchedSubjects", Results.list(r.matchedSubjects()));
    }

    private static Optional<String> blankless(String s) {
        return Optional.ofNullable(s).map(String::trim).filter(x -> !x.isEmpty());
    }
}
