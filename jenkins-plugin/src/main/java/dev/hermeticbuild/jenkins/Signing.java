package dev.hermeticbuild.jenkins;

import dev.hermeticbuild.bundle.BundleNames;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.image.OciLayout;
import dev.hermeticbuild.provenance.CiProvenance;
import dev.hermeticbuild.provenance.ProvenanceJson;
import dev.hermeticbuild.provenance.ResourceDescriptor;
import dev.hermeticbuild.sign.ArtifactSigner;
import dev.hermeticbuild.sign.Attestor;
import dev.hermeticbuild.sign.Signer;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Signing on the controller: each artifact (an image layout too, signed as its manifest or index
 * digest) is copied from the workspace and digested here, the
 * key comes from a credential and never leaves this JVM; only the (public) bundles go back to
 * the workspace, next to their artifacts, and into the build's directory.
 */
final class Signing {

    private Signing() {
    }

    /** {@code signArtifact}: a message-signature bundle per artifact. */
    static List<Map<String, Object>> sign(StepContext c, String pattern, String credentialsId)
            throws IOException, InterruptedException {
        Run<?, ?> run = c.get(Run.class);
        FilePath ws = c.get(FilePath.class);
        ImageLayouts.Split split = ImageLayouts.split(ws, pattern);
        List<String> files = split.files() == null ? List.of() : Workspaces.select(ws, split.files());
        Signer signer = Keys.signer(run, credentialsId);
        List<Map<String, Object>> result = new ArrayList<>();
        for (String name : split.images()) {
            OciLayout image = ImageLayouts.fetch(run, ws, name);
            try {
                String bundle = BundleNames.signature(name);
                String stored = keep(run, ws, bundle, ArtifactSigner.sign(image.signedBlob(), signer));
                RunFiles.action(run).addSignature(new SignatureRecord(name, stored, "signature", signer.keyId()));
                result.add(Results.map("artifact", name, "sha256", image.signed(name).sha256(), "bundle", bundle, "keyId", signer.keyId(),
                        "image", true));
            } finally {
                ImageLayouts.delete(image.root());
            }
        }
        for (String f : files) {
            Path local = RunFiles.fetch(run, ws.child(f));
            try {
                String sha = Sha256.ofFile(local);
                String name = BundleNames.signature(f);
                String stored = keep(run, ws, name, ArtifactSigner.sign(local, signer));
                RunFiles.action(run).addSignature(new SignatureRecord(f, stored, "signature", signer.keyId()));
                result.add(Results.map("artifact", f, "sha256", sha, "bundle", name, "keyId", signer.keyId()));
            } finally {
                Files.deleteIfExists(local);
            }
        }
        run.save();
        return result;
    }

    /** {@code attest}: one signed SLSA statement over the artifacts, its bundle next to each. */
    static Map<String, Object> attest(StepContext c, String pattern, String credentialsId)
            throws IOException, InterruptedException {
        Run<?, ?> run = c.get(Run.class);
        FilePath ws = c.get(FilePath.class);
        ImageLayouts.Split split = ImageLayouts.split(ws, pattern);
        List<String> files = new ArrayList<>(split.files() == null ? List.of() : Workspaces.select(ws, split.files()));
        Signer signer = Keys.signer(run, credentialsId);
        List<ResourceDescriptor> subjects = new ArrayList<>();
        for (String name : split.images()) {
            OciLayout image = ImageLayouts.fetch(run, ws, name);
            try {
                image.subjects(name).forEach(s -> subjects.add(ResourceDescriptor.subject(s.name(), s.sha256())));
            } finally {
                ImageLayouts.delete(image.root());
            }
        }
        for (String f : files) {
            Path local = RunFiles.fetch(run, ws.child(f));
            try {
                subjects.add(ResourceDescriptor.subject(f, Sha256.ofFile(local)));
            } finally {
                Files.deleteIfExists(local);
            }
        }
        ProvenanceAction action = RunFiles.action(run);
        byte[] statement = statement(invocation(run, c.get(EnvVars.class), c.get(TaskListener.class)), subjects, action);
        byte[] bundle = Attestor.attest(statement, "attestation of " + run.getDisplayName(), signer);
        action.addProvenance(RunFiles.store(run, "attestation.json", statement), null);
        List<String> bundles = new ArrayList<>();
        List<String> attested = new ArrayList<>(split.images());
        attested.addAll(files);
        for (String f : attested) {
            String name = BundleNames.provenance(f);
            action.addSignature(new SignatureRecord(f, keep(run, ws, name, bundle), "attestation", signer.keyId()));
            bundles.add(name);
        }
        StoreHook.afterAttest(run, bundle, signer.publicKey(), "attestation of " + run.getDisplayName());
        run.save();
        return Results.map("subjects", Results.list(subjects.stream()
                .map(s -> Results.map("name", s.name(), "sha256", s.digest().get("sha256"))).toList()),
                "bundles", bundles, "keyId", signer.keyId());
    }

    /**
     * The CI statement over {@code subjects}, carrying over the tier and isolation of a runner
     * provenance already on {@code action} that covers them all.
     */
    static byte[] statement(CiProvenance.Invocation invocation, List<ResourceDescriptor> subjects, ProvenanceAction action) {
        List<CiProvenance.RunnerStatement> runners = new ArrayList<>();
        for (ProvenanceView v : action.getProvenance()) {
            runners.add(new CiProvenance.RunnerStatement(v.summary(), Sha256.ofFile(action.dir().toPath().resolve(v.getFile()))));
        }
        return ProvenanceJson.toBytes(CiProvenance.statement(invocation, subjects, runners, Instant.now()));
    }

    /** The build as the controller saw it: job, number, URL, and what its SCM checkout reported. */
    static CiProvenance.Invocation invocation(Run<?, ?> run, EnvVars env, TaskListener listener)
            throws IOException, InterruptedException {
        EnvVars runEnv = run.getEnvironment(listener);
        HermeticGlobalConfiguration g = HermeticGlobalConfiguration.get();
        return new CiProvenance.Invocation(CiProvenance.builderId(g.getBuilderId(), env.get("JENKINS_URL")),
                env.get("BUILD_URL", run.getUrl()), env.get("JOB_NAME", ""), run.getNumber(),
                present(runEnv.get("GIT_URL")), present(runEnv.get("GIT_COMMIT")),
                Instant.ofEpochMilli(run.getTimeInMillis()));
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).filter(s -> !s.isBlank());
    }

    private static String keep(Run<?, ?> run, FilePath ws, String name, byte[] bundle)
            throws IOException, InterruptedException {
        ws.child(name).copyFrom(new ByteArrayInputStream(bundle));
        return RunFiles.store(run, name, bundle);
    }
}
