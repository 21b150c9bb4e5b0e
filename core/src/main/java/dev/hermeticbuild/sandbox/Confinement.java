package dev.hermeticbuild.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How the sandbox mechanism itself is started on the host: under which rlimits and as which
 * host uid. {@link SandboxedProcess} puts {@link #launchPrefix()} in front of every sandbox's
 * command line, so the egress probe and the build run exactly alike.
 *
 * @param buildUser the unprivileged uid to run as when the runner is root; empty: as the runner
 * @param limits the resource limits; empty: none (only for trusted commands the runner itself runs)
 */
public record Confinement(Optional<BuildUser> buildUser, Optional<ResourceLimits> limits) {

    /** No build user, no limits: the mechanism starts as the runner, as before this existed. */
    public static final Confinement NONE = new Confinement(Optional.empty(), Optional.empty());

    /** What enforces {@link ResourceLimits} here: rlimits on the sandbox, tmpfs sizes, the output copy. */
    public static final String LIMIT_MECHANISM = "rlimit";

    public static Confinement of(BuildUser buildUser, ResourceLimits limits) {
        return new Confinement(Optional.of(buildUser), Optional.of(limits));
    }

    /** The host command line that goes before the sandbox's own: {@code prlimit ... -- setpriv ... --}, or nothing. */
    public List<String> launchPrefix() {
        List<String> prefix = new ArrayList<>();
        if (limits.isPresent()) {
            prefix.add(tool("prlimit").toString());
            prefix.addAll(limits.get().prlimitArguments());
            prefix.add("--");
        }
        if (buildUser.isPresent() && buildUser.get().applies()) {
            prefix.addAll(buildUser.get().launchPrefix(tool("setpriv")));
        }
        return prefix;
    }

    /** The size of each private tmpfs, when limited. */
    public OptionalLong tmpfsBytes() {
        return limits.map(l -> OptionalLong.of(l.tmpfsBytes())).orElse(OptionalLong.empty());
    }

    /** Whether the build runs as the dedicated build user (the runner is root and one is configured). */
    public boolean runsAsBuildUser() {
        return buildUser.isPresent() && buildUser.get().applies();
    }

    /** The host uid the sandbox mechanism and the build run as. */
    public int hostUid() {
        return runsAsBuildUser() ? buildUser.get().uid() : RunnerIds.euid();
    }

    /** The host gid the sandbox mechanism and the build run as. */
    public int hostGid() {
        return runsAsBuildUser() ? buildUser.get().gid() : RunnerIds.egid();
    }

    /**
     * The facts provenance records: the host uid and gid the build ran as and why, the limits
     * in force and what enforced them.
     */
    public Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("hostUid", hostUid());
        facts.put("hostGid", hostGid());
        facts.put("buildUser", runsAsBuildUser() ? "dedicated" : RunnerIds.euid() == 0 ? "runner (root)" : "runner");
        if (limits.isPresent()) {
            Map<String, Object> l = new LinkedHashMap<>(limits.get().byName());
            l.put("mechanism", LIMIT_MECHANISM);
            facts.put("limits", l);
        } else {
            facts.put("limits", "none");
        }
        return facts;
    }

    private static Path tool(String name) {
        return SandboxChooser.find(name).orElseThrow(() -> new IsolationException(
                "util-linux " + name + " is required to confine the build (Debian package util-linux)"));
    }
}
