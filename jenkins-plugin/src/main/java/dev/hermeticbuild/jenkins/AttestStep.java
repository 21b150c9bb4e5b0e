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
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code attest}: a signed SLSA provenance statement, made by this Jenkins, over workspace files. */
public final class AttestStep extends ControllerSigningStep<Map<String, Object>> {

    @DataBoundConstructor
    public AttestStep(String artifacts) {
        super(artifacts);
    }

    @Override
    String functionName() {
        return "attest";
    }

    @Override
    Map<String, Object> sign(StepContext context) throws Exception {
        return Signing.attest(context, getArtifacts(), getCredentialsId());
    }

    /** Function {@code attest}; needs a workspace, the build and its environment. */
    @Extension
    @Symbol("attest")
    public static final class DescriptorImpl extends ControllerSigningStep.SigningDescriptor {
        public DescriptorImpl() {
            super("attest", "AttestStep.DisplayName", Set.of(FilePath.class, Run.class, TaskListener.class, EnvVars.class));
        }
    }
}
