package dev.hermeticbuild.jenkins;

import dev.hermeticbuild.agent.BuildCommandLine;
import dev.hermeticbuild.provenance.CiProvenance;
import dev.hermeticbuild.report.ReproducibilitySummary;
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
 * Runs {@code hermetic check-reproducible} on the agent, brings its result to the build's
 * directory, shows it on the Provenance tab, and fails the step when the builds differ.
 */
final class ReproducibilityRecorder {

    static final String RESULT_FILE = "reproducibility.json";

    private ReproducibilityRecorder() {
    }

    static Map<String, Object> check(StepContext c, RebuildCheckStep step) throws IOException, InterruptedException {
        FilePath ws = c.get(FilePath.class);
        HermeticGlobalConfiguration g = HermeticGlobalConfiguration.get();
        FilePath out = AgentCli.outDir(ws);
        String tier = step.getTier() == null || step.getTier().isBlank() ? g.getDefaultTier() : step.getTier();
        List<String> args = BuildCommandLine.reproducibilityArguments(step.getCommand(), BuildCommandLine.outputList(step.getOutputs()),
                tier, "auto", CiProvenance.builderId(g.getBuilderId(), c.get(EnvVars.class).get("JENKINS_URL")), out.getRemote(),
                step.getCache(), step.getVary(), step.isNormalize());
        AgentCli.Ran ran = AgentCli.run(c.get(Launcher.class), ws, c.get(TaskListener.class), AgentCli.place(ws), args);
        Optional<String> failure = BuildCommandLine.reproducibilityFailure(ran.exit(), ran.firstOutput());
        try {
            Run<?, ?> run = c.get(Run.class);
            if (out.child(RESULT_FILE).exists()) {
                String stored = RunFiles.copy(run, out.child(RESULT_FILE), RESULT_FILE);
                RunFiles.action(run).addReproducibility(stored);
                run.save();
            }
        } finally {
            out.deleteRecursive();
        }
        if (failure.isPresent()) {
            throw new AbortException(failure.get());
        }
        return Results.map("reproducible", true);
    }

    /** The summary of a stored result, for the tab. */
    static ReproducibilitySummary summary(byte[] statement, String file) {
        return ReproducibilitySummary.of(statement, file);
    }
}
