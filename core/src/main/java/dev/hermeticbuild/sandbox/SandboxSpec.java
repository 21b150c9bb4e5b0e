package dev.hermeticbuild.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a sandbox exposes to the command it runs: the workspace (read-write, mounted at
 * {@link #WORKSPACE_MOUNT}), extra host paths mounted read-only at the same path, and the
 * complete environment (nothing of the runner's environment leaks unless it is in here).
 *
 * @param workspace host directory the build may write
 * @param readOnlyPaths host paths visible read-only at the same path (toolchains, the probe)
 * @param environment the whole environment of the sandboxed command
 * @param home a host directory to mount read-write as {@link #HOME} (e.g. holding a private Maven
 *     repository made from the dependency cache); empty for a fresh, empty tmpfs
 * @param hostname the host name inside ({@link #HOSTNAME} unless a reproducibility check varies it)
 * @param workspaceMount where the workspace appears inside ({@link #WORKSPACE_MOUNT} unless varied)
 * @param umask the umask of the command, octal ({@code 022} unless varied)
 * @param confinement the host uid and resource limits the sandbox starts under ({@link Confinement#NONE} unless given)
 * @param readOnlyInWorkspace paths inside the workspace, relative to it, shown read-only over the
 *     writable workspace: the repository's {@code .git} in a build in place, which the runner trusts later
 * @param dependencies a host directory of checked dependency-cache entries (a build's view of the
 *     cache), shown read-only at {@link #DEPENDENCIES}; empty for none
 * @param linkFarm a tree of symlinks the sandbox lays out on a private tmpfs inside it (the build's
 *     Maven repository); empty for none, and only for a sandbox that {@link Sandbox#laysOutLinkFarms() lays them out}
 */
public record SandboxSpec(Path workspace, List<Path> readOnlyPaths, Map<String, String> environment,
                          java.util.Optional<Path> home, String hostname, String workspaceMount, String umask,
                          Confinement confinement, List<Path> readOnlyInWorkspace, java.util.Optional<Path> dependencies,
                          java.util.Optional<LinkFarm> linkFarm) {

    /** Where {@link #dependencies()} appears inside a namespace sandbox, read-only. */
    public static final String DEPENDENCIES = "/opt/hermetic/dependencies";

    /** Where the workspace appears inside a namespace sandbox: fixed, so build paths do not vary. */
    public static final String WORKSPACE_MOUNT = "/workspace";

    /** The fixed host name inside the sandbox. */
    public static final String HOSTNAME = "hermetic";

    /** The umask of the build command unless a reproducibility check varies it. */
    public static final String DEFAULT_UMASK = "022";

    /** The private, empty home directory inside the sandbox. */
    public static final String HOME = "/home/builder";

    public SandboxSpec {
        workspace = workspace.toAbsolutePath().normalize();
        readOnlyPaths = List.copyOf(readOnlyPaths);
        environment = Map.copyOf(environment);
        home = home.map(h -> h.toAbsolutePath().normalize());
        if (!hostname.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,62}")) {
            throw new IllegalArgumentException("not a host name: " + hostname);
        }
        if (!workspaceMount.matches("(/[A-Za-z0-9._-]+)+") || workspaceMount.contains("/..")
                || List.of("/usr", "/etc", "/proc", "/dev", "/tmp", "/run", "/home").stream().anyMatch(workspaceMount::startsWith)) {
            throw new IllegalArgumentException("not a usable workspace mount point: " + workspaceMount);
        }
        if (!umask.matches("0?[0-7]{3}")) {
            throw new IllegalArgumentException("not an octal umask: " + umask);
        }
        java.util.Objects.requireNonNull(confinement, "confinement");
        readOnlyInWorkspace = List.copyOf(readOnlyInWorkspace);
        dependencies = dependencies.map(d -> d.toAbsolutePath().normalize());
        java.util.Objects.requireNonNull(linkFarm, "linkFarm");
        for (Path p : readOnlyInWorkspace) {
            if (p.isAbsolute() || p.toString().isEmpty() || !p.normalize().equals(p) || p.startsWith("..")) {
                throw new IllegalArgumentException("not a path inside the workspace: " + p);
            }
        }
    }

    public SandboxSpec(Path workspace, List<Path> readOnlyPaths, Map<String, String> environment,
                       java.util.Optional<Path> home, String hostname, String workspaceMount, String umask,
                       Confinement confinement, List<Path> readOnlyInWorkspace) {
        this(workspace, readOnlyPaths, environment, home, hostname, workspaceMount, umask, confinement, readOnlyInWorkspace,
                java.util.Optional.empty(), java.util.Optional.empty());
    }

    public SandboxSpec(Path workspace, List<Path> readOnlyPaths, Map<String, String> environment,
                       java.util.Optional<Path> home, String hostname, String workspaceMount, String umask,
                       Confinement confinement) {
        this(workspace, readOnlyPaths, environment, home, hostname, workspaceMount, umask, confinement, List.of());
    }

    public SandboxSpec(Path workspace, List<Path> readOnlyPaths, Map<String, String> environment,
                       java.util.Optional<Path> home, String hostname, String workspaceMount, String umask) {
        this(workspace, readOnlyPaths, environment, home, hostname, workspaceMount, umask, Confinement.NONE);
    }

    public SandboxSpec(Path workspace, List<Path> readOnlyPaths, Map<String, String> environment,
                       java.util.Optional<Path> home) {
        this(workspace, readOnlyPaths, environment, home, HOSTNAME, WORKSPACE_MOUNT, DEFAULT_UMASK);
    }

    /** The same spec with another hostname, workspace mount point and umask. */
    public SandboxSpec varied(String newHostname, String newWorkspaceMount, String newUmask) {
        return new SandboxSpec(workspace, readOnlyPaths, environment, home, newHostname, newWorkspaceMount, newUmask, confinement,
                readOnlyInWorkspace, dependencies, linkFarm);
    }

    /** The same spec started under another confinement (build user and resource limits). */
    public SandboxSpec withConfinement(Confinement newConfinement) {
        return new SandboxSpec(workspace, readOnlyPaths, environment, home, hostname, workspaceMount, umask, newConfinement,
                readOnlyInWorkspace, dependencies, linkFarm);
    }

    /** The same spec with {@code paths} (relative to the workspace) shown read-only inside it. */
    public SandboxSpec withReadOnlyInWorkspace(List<Path> paths) {
        return new SandboxSpec(workspace, readOnlyPaths, environment, home, hostname, workspaceMount, umask, confinement, paths,
                dependencies, linkFarm);
    }

    /** The same spec with another environment. */
    public SandboxSpec withEnvironment(Map<String, String> newEnvironment) {
        return new SandboxSpec(workspace, readOnlyPaths, newEnvironment, home, hostname, workspaceMount, umask, confinement,
                readOnlyInWorkspace, dependencies, linkFarm);
    }

    /** The same spec showing the host directory {@code directory} (when given) read-only at {@link #DEPENDENCIES}. */
    public SandboxSpec withDependencies(java.util.Optional<Path> directory) {
        return new SandboxSpec(workspace, readOnlyPaths, environment, home, hostname, workspaceMount, umask, confinement,
                readOnlyInWorkspace, directory, linkFarm);
    }

    /** The same spec with {@code farm} (when given) laid out by the sandbox on a private tmpfs. */
    public SandboxSpec withLinkFarm(java.util.Optional<LinkFarm> farm) {
        return new SandboxSpec(workspace, readOnlyPaths, environment, home, hostname, workspaceMount, umask, confinement,
                readOnlyInWorkspace, dependencies, farm);
    }

    /**
     * Whether a host path can be seen from inside a namespace sandbox over {@code workspace}: in
     * the workspace, or under a system directory shown read-only (/usr, /etc, ...), unless masked.
     */
    public static boolean visibleInside(Path hostPath, Path workspace) {
        Path p = hostPath.toAbsolutePath().normalize();
        if (p.startsWith(workspace.toAbsolutePath().normalize())) {
            return true;
        }
        for (HostRoot.Entry e : HostRoot.systemEntries()) {
            if (!e.isSymlink() && p.startsWith(Path.of("/", e.name()))) {
                boolean masked = HostRoot.MASKED_FILES.contains(p.toString())
                        || HostRoot.MASKED_DIRS.stream().anyMatch(d -> p.startsWith(Path.of(d)));
                return !masked;
            }
        }
        return false;
    }

    public SandboxSpec(Path workspace, List<Path> readOnlyPaths, Map<String, String> environment) {
        this(workspace, readOnlyPaths, environment, java.util.Optional.empty());
    }
}
