package dev.hermeticbuild.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code rebuildCheck}: builds twice on the agent (the second varied), compares, and shows the result on the Provenance tab. */
public final class RebuildCheckStep extends CommandStep {

    private String vary = "all";
    private boolean normalize;

    @DataBoundConstructor
    public RebuildCheckStep(String command, String outputs) {
        super(command, outputs);
    }

    public String getVary() {
        return vary;
    }

    @DataBoundSetter
    public void setVary(String vary) {
        this.vary = vary;
    }

    public boolean isNormalize() {
        return normalize;
    }

    @DataBoundSetter
    public void setNormalize(boolean normalize) {
        this.normalize = normalize;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends NonResumableExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient RebuildCheckStep step;

        Execution(RebuildCheckStep step, StepContext context) {
            super("rebuildCheck", context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return OneLine.run(() -> ReproducibilityRecorder.check(getContext(), step));
        }
    }

    /** Function {@code rebuildCheck}; needs a workspace, a launcher and a console. */
    @Extension
    @Symbol("rebuildCheck")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "rebuildCheck";
        }

        @Override
        public String getDisplayName() {
            return Text.get("RebuildCheckStep.DisplayName");
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, Launcher.class, TaskListener.class, Run.class, EnvVars.class);
        }
    }
}
