package dev.hermeticbuild.jenkins;

import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The parameters shared by the steps that run a build command on the agent ({@code hermeticBuild},
 * {@code rebuildCheck}): the command, its outputs, the tier and the dependency cache.
 */
public abstract class CommandStep extends Step {

    private final String command;
    private final String outputs;
    private String tier;
    private String cache;

    protected CommandStep(String command, String outputs) {
        this.command = command;
        this.outputs = outputs;
    }

    public String getCommand() {
        return command;
    }

    public String getOutputs() {
        return outputs;
    }

    public String getTier() {
        return tier;
    }

    @DataBoundSetter
    public void setTier(String tier) {
        this.tier = tier;
    }

    /** The dependency cache on the agent (filled by {@code hermetic prefetch}); unset for none. */
    public String getCache() {
        return cache;
    }

    @DataBoundSetter
    public void setCache(String cache) {
        this.cache = cache;
    }
}
