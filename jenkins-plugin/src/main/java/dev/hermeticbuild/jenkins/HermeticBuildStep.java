package dev.hermeticbuild.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.ArrayList;
import java.util.List;
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
    private String imageBase;
    private String imageLayers;
    private String imageEntrypoint;
    private List<String> imageEnv = new ArrayList<>();
    private List<String> imageLabels = new ArrayList<>();
    private String imagePlatform;
    private String imageName;

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

    /**
     * The base of an image the runner assembles from the outputs after the command:
     * {@code oci:DIR@sha256:HEX} (a local OCI layout on the agent) or {@code scratch}; unset for no image.
     */
    public String getImageBase() {
        return imageBase;
    }

    @DataBoundSetter
    public void setImageBase(String imageBase) {
        this.imageBase = imageBase;
    }

    /** The image's layers, comma-separated {@code OUTPUT:DEST} (an output put at DEST in the image). */
    public String getImageLayers() {
        return imageLayers;
    }

    @DataBoundSetter
    public void setImageLayers(String imageLayers) {
        this.imageLayers = imageLayers;
    }

    /** The image's entrypoint, its words separated by commas. */
    public String getImageEntrypoint() {
        return imageEntrypoint;
    }

    @DataBoundSetter
    public void setImageEntrypoint(String imageEntrypoint) {
        this.imageEntrypoint = imageEntrypoint;
    }

    /** The image's environment, one {@code NAME=VALUE} each. */
    public List<String> getImageEnv() {
        return imageEnv;
    }

    @DataBoundSetter
    public void setImageEnv(List<String> imageEnv) {
        this.imageEnv = imageEnv == null ? new ArrayList<>() : new ArrayList<>(imageEnv);
    }

    /** The image's labels, one {@code NAME=VALUE} each. */
    public List<String> getImageLabels() {
        return imageLabels;
    }

    @DataBoundSetter
    public void setImageLabels(List<String> imageLabels) {
        this.imageLabels = imageLabels == null ? new ArrayList<>() : new ArrayList<>(imageLabels);
    }

    /** Which platform of a multi-platform base to build on ({@code os/arch[/variant]}). */
    public String getImagePlatform() {
        return imagePlatform;
    }

    @DataBoundSetter
    public void setImagePlatform(String imagePlatform) {
        this.imagePlatform = imagePlatform;
    }

    /** Where the image layout lands in the workspace (default {@code image}); sign it by this name. */
    public String getImageName() {
        return imageName;
    }

    @DataBoundSetter
    public void setImageName(String imageName) {
        this.imageName = imageName;
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
