package dev.hermeticbuild.jenkins;

import dev.hermeticbuild.agent.BuildCommandLine;
import dev.hermeticbuild.agent.ImageArguments;
import dev.hermeticbuild.build.HermeticBuild;
import dev.hermeticbuild.provenance.CiProvenance;
import dev.hermeticbuild.provenance.ProvenanceSummary;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Brings a finished {@code hermetic build}'s provenance and SBOM from the agent to the build's
 * directory, records them on the Provenance tab, and says what a Jenkinsfile gets back. The
 * outputs (and an assembled image's layout) are copied back into the workspace by the CLI.
 */
final class BuildRecorder {

    private BuildRecorder() {
    }

    /** Runs the step's build on the agent and records what it wrote. */
    static Map<String, Object> build(StepContext c, HermeticBuildStep step) throws IOException, InterruptedException {
        FilePath ws = c.get(FilePath.class);
        Optional<String> sbomCopy = BuildCommandLine.workspaceFile(step.getSbomFile(), "sbomFile");
        HermeticGlobalConfiguration g = HermeticGlobalConfiguration.get();
        FilePath out = AgentCli.outDir(ws);
        EnvVars env = c.get(EnvVars.class);
        List<String> args = arguments(step, g.getDefaultTier(),
                CiProvenance.builderId(g.getBuilderId(), env.get("JENKINS_URL")), out.getRemote(), env.get("GIT_URL"));
        AgentCli.Ran ran = AgentCli.run(c.get(Launcher.class), ws, c.get(TaskListener.class), AgentCli.place(ws), args);
        Optional<String> failure = BuildCommandLine.failure(ran.exit(), ran.firstOutput());
        if (failure.isPresent()) {
            throw new AbortException(failure.get());
        }
        try {
            if (sbomCopy.isPresent()) {
                out.child(HermeticBuild.SBOM_FILE).copyTo(ws.child(sbomCopy.get()));
            }
            Map<String, Object> result = record(c.get(Run.class), out);
            image(step).ifPresent(i -> result.put("image", imageResult(result, i.name())));
            return result;
        } finally {
            out.deleteRecursive();
        }
    }

    /** The checked CLI arguments for {@code step}, its tier defaulting to the global one. */
    static List<String> arguments(HermeticBuildStep step, String defaultTier, String builderId, String outDir) {
        return arguments(step, defaultTier, builderId, outDir, null);
    }

    /**
     * As above; the canonical source is the step's, else the job's SCM URL ({@code scmUrl}, the
     * git plugin's {@code GIT_URL}; null when the job has none).
     */
    static List<String> arguments(HermeticBuildStep step, String defaultTier, String builderId, String outDir, String scmUrl) {
        String tier = step.getTier() == null || step.getTier().isBlank() ? defaultTier : step.getTier();
        String canonical = step.getCanonicalSource() == null || step.getCanonicalSource().isBlank() ? scmUrl : step.getCanonicalSource();
        return BuildCommandLine.arguments(step.getCommand(), BuildCommandLine.outputList(step.getOutputs()),
                tier, step.getSandbox(), builderId, outDir, step.getCache(), canonical, step.getLock(), image(step), true);
    }

    /** The image the step asks for, checked here on the controller. */
    static Optional<ImageArguments> image(HermeticBuildStep step) {
        return ImageArguments.of(step.getImageBase(), step.getImageLayers(), step.getImageEntrypoint(), step.getImageEnv(),
                step.getImageLabels(), step.getImagePlatform(), step.getImageName());
    }

    static Map<String, Object> record(Run<?, ?> run, FilePath out) throws IOException, InterruptedException {
        String provenance = RunFiles.copy(run, out.child(HermeticBuild.PROVENANCE_FILE), HermeticBuild.PROVENANCE_FILE);
        String sbom = RunFiles.copy(run, out.child(HermeticBuild.SBOM_FILE), HermeticBuild.SBOM_FILE);
        ProvenanceAction action = RunFiles.action(run);
        action.addProvenance(provenance, sbom);
        run.save();
        java.nio.file.Path dir = RunFiles.dir(run).toPath();
        byte[] statement = java.nio.file.Files.readAllBytes(dir.resolve(provenance));
        StoreHook.afterBuild(run, statement, provenance, java.nio.file.Files.readAllBytes(dir.resolve(sbom)));
        return result(ProvenanceSummary.of(statement, provenance), "hermetic/" + provenance, "hermetic/" + sbom);
    }

    /** The image's entry in the step's return value: where its layout is in the workspace and its digest, as the provenance names it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> imageResult(Map<String, Object> result, String name) {
        for (Object o : (List<Object>) result.get("outputs")) {
            Map<String, Object> output = (Map<String, Object>) o;
            if (name.equals(output.get("name"))) {
                return Results.map("layout", name, "digest", "sha256:" + output.get("sha256"));
            }
        }
        return Results.map("layout", name, "digest", null);
    }

    /** The step's return value: outputs with digests, where provenance and SBOM are kept, the hermetic flag. */
    static Map<String, Object> result(ProvenanceSummary summary, String provenance, String sbom) {
        List<Object> outputs = Results.list(summary.subjects().stream()
                .map(s -> Results.map("name", s.name(), "sha256", s.sha256())).toList());
        return Results.map("outputs", outputs, "provenance", provenance, "sbom", sbom, "hermetic", summary.hermetic());
    }
}
