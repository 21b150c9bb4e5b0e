package dev.hermeticbuild.jenkins;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code signArtifact}: signs workspace files on the controller with a credential's key. */
public final class SignArtifactStep extends KeyStep {

    private final String artifacts;

    @DataBoundConstructor
    public SignArtifactStep(String artifacts) {
        this.artifacts = artifacts;
    }

    public String getArtifacts() {
        return artifacts;
    }


    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends NonResumableExecution<List<Map<String, Object>>> {
        private static final long serialVersionUID = 1L;
        private final transient SignArtifactStep step;

        Execution(SignArtifactStep step, StepContext context) {
            super("signArtifact", context);
            this.step = step;
        }

        @Override
        protected List<Map<String, Object>> run() throws Exception {
            return OneLine.run(() -> Signing.sign(getContext(), step.artifacts, step.getCredentialsId()));
        }
    }

    /** Function {@code signArtifact}; needs a workspace and the build. */
    @Extension
    @Symbol("signArtifact")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "signArtifact";
        }

        @Override
        public String getDisplayName() {
            return Text.get("SignArtifactStep.DisplayName");
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, Run.class, TaskListener.class);
        }
    }
}
