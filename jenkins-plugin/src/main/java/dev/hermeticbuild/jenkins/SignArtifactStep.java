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
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code signArtifact}: signs workspace files on the controller with a credential's key. */
public final class SignArtifactStep extends ControllerSigningStep<List<Map<String, Object>>> {

    @DataBoundConstructor
    public SignArtifactStep(String artifacts) {
        super(artifacts);
    }

    @Override
    String functionName() {
        return "signArtifact";
    }

    @Override
    List<Map<String, Object>> sign(StepContext context) throws Exception {
        return Signing.sign(context, getArtifacts(), getCredentialsId());
    }

    /** Function {@code signArtifact}; needs a workspace and the build. */
    @Extension
    @Symbol("signArtifact")
    public static final class DescriptorImpl extends ControllerSigningStep.SigningDescriptor {
        public DescriptorImpl() {
            super("signArtifact", "SignArtifactStep.DisplayName", Set.of(FilePath.class, Run.class, TaskListener.class));
        }
    }
}
