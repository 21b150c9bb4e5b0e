package dev.hermeticbuild.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code attest}: a signed SLSA provenance statement, made by this Jenkins, over workspace files. */
public final class AttestStep extends KeyStep {

    private final String artifacts;

    @DataBoundConstructor
    public AttestStep(String artifacts) {
        this.artifacts = artifacts;
    }

    public String getArtifacts() {
        return artifacts;
    }


    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends NonResumableExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient AttestStep step;

        Execution(AttestStep step, StepContext context) {
            super("attest", context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return OneLine.run(() -> Signing.attest(getContext(), step.artifacts, step.getCredentialsId()));
        }
    }

    /** Function {@code attest}; needs a workspace, the build and its environment. */
    @Extension
    @Symbol("attest")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "attest";
        }

        @Override
        public String getDisplayName() {
            return Text.get("AttestStep.DisplayName");
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, Run.class, TaskListener.class, EnvVars.class);
        }
    }
}
