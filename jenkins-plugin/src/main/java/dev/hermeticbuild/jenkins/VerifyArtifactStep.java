package dev.hermeticbuild.jenkins;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code verifyArtifact}: checks an artifact's bundle against trusted keys and a policy, on the controller. */
public final class VerifyArtifactStep extends KeyStep {

    private final String artifact;
    private String builderId;
    private boolean requireHermetic;

    @DataBoundConstructor
    public VerifyArtifactStep(String artifact) {
        this.artifact = artifact;
    }

    public String getArtifact() {
        return artifact;
    }



    public String getBuilderId() {
        return builderId;
    }

    @DataBoundSetter
    public void setBuilderId(String builderId) {
        this.builderId = builderId;
    }


    public boolean isRequireHermetic() {
        return requireHermetic;
    }

    @DataBoundSetter
    public void setRequireHermetic(boolean requireHermetic) {
        this.requireHermetic = requireHermetic;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends NonResumableExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient VerifyArtifactStep step;

        Execution(VerifyArtifactStep step, StepContext context) {
            super("verifyArtifact", context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return OneLine.run(() -> Verification.verify(getContext(), step));
        }
    }

    /** Function {@code verifyArtifact}; needs a workspace and the build. */
    @Extension
    @Symbol("verifyArtifact")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "verifyArtifact";
        }

        @Override
        public String getDisplayName() {
            return Text.get("VerifyArtifactStep.DisplayName");
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, Run.class);
        }
    }
}
