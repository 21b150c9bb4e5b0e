package dev.hermeticbuild.build;

import dev.hermeticbuild.sandbox.SandboxSpec;
import java.util.List;
import java.util.Map;

/**
 * Deliberate differences in a build's environment, used by reproducibility checks to expose
 * hidden inputs: another host name, workspace path or umask, changed environment values (TZ,
 * locale), and a command prefix (a shifted clock via faketime, fewer CPUs via taskset). A normal
 * build uses {@link #NONE}. Whatever is applied is recorded in the provenance.
 */
public record BuildVariation(String hostname, String workspaceMount, String umask, Map<String, String> environment,
                             List<String> commandPrefix) {

    public static final BuildVariation NONE = new BuildVariation(SandboxSpec.HOSTNAME, SandboxSpec.WORKSPACE_MOUNT,
            SandboxSpec.DEFAULT_UMASK, Map.of(), List.of());

    public BuildVariation {
        environment = Map.copyOf(environment);
        commandPrefix = List.copyOf(commandPrefix);
    }

    public boolean isNone() {
        return equals(NONE);
    }
}
