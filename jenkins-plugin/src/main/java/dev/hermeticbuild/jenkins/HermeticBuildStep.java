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

/** {@code hermeticBuild}: runs a build command isolated on the agent and records its provenance. */
public final class HermeticBuildStep extends CommandStep {

    private String sandbox = "auto";
    private String sbomFile;
    private String canonicalSource;
    private String lock;

    @DataBoundConstructor
    public HermeticBuildStep(String command, String outputs) {
        super(command, outputs);
    }

    public String getSandbox() {
        return sandbox;
    }

    @DataBoundSetter
    public void setSandbox(String sandbox) {
        this.sandbox = sandbox;
    }

    /** Where in the workspace to also write the build's SBOM (to archive it); unset for nowhere. */
    public String getSbomFile() {
        return sbomFile;
    }

    @DataBoundSetter
    public void setSbomFile(String sbomFile) {
        this.sbomFile = sbomFile;
    }

    /**
     * The repository the workspace's checkout stands for, recorded as the source of record; unset
     * for the job's SCM URL ({@code GIT_URL}), which is right when the agent cloned from a mirror.
     */
    public String getCanonicalSource() {
        return canonicalSource;
    }

    @DataBoundSetter
    public void setCanonicalSource(String canonicalSource) {
        this.canonicalSource = canonicalSource;
    }

    /**
     * The Maven lock kept outside the source tree, an absolute file on the agent (passed as
     * {@code --lock}); unset for the project's committed {@code hermetic.lock}, if any.
     */
    public String getLock() {
        return lock;
    }

    @DataBoundSetter
    public void setLock(String lock) {
        this.lock = lock;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends NonResumableExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient HermeticBuildStep step;

        Execution(HermeticBuildStep step, StepContext context) {
            super("hermeticBuild", context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return OneLine.run(() -> BuildRecorder.build(getContext(), step));
        }
    }

    /** Function {@code hermeticBuild}; needs a workspace, a launcher and a console. */
    @Extension
    @Symbol("hermeticBuild")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "hermeticBuild";
        }

        @Override
        public String getDisplayName() {
            return Text.get("HermeticBuildStep.DisplayName");
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, Launcher.class, TaskListener.class, Run.class, EnvVars.class);
        }
    }
}
