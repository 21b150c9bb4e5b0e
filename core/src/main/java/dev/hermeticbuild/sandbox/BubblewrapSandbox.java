package dev.hermeticbuild.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Namespace sandbox built with bubblewrap: all namespaces unshared (user, network, mount, pid,
 * ipc, uts, cgroup), a session of its own, every capability dropped, the {@link SeccompFilter},
 * a fresh root made of read-only system directories (every submount too, all nosuid and nodev),
 * private /tmp, /run and HOME, and the workspace as the only writable place.
 */
public final class BubblewrapSandbox implements Sandbox {

    /** The descriptor bubblewrap reads the seccomp program from. */
    private static final String SECCOMP_FD = "3";

    private final Path bwrap;
    private final Optional<SeccompFilter> seccomp;

    /** bubblewrap with the host's seccomp filter (fails with an {@link IsolationException} where there is none). */
    public BubblewrapSandbox(Path bwrap) {
        this(bwrap, Optional.of(SeccompFilter.forHost()));
    }

    /** @param seccomp the filter to install; empty only for measuring what the filter costs */
    public BubblewrapSandbox(Path bwrap, Optional<SeccompFilter> seccomp) {
        this.bwrap = bwrap;
        this.seccomp = seccomp;
    }

    @Override
    public String mechanism() {
        return "bubblewrap";
    }

    @Override
    public boolean isolates() {
        return true;
    }

    @Override
    public Optional<SeccompFilter> seccomp() {
        return seccomp;
    }

    @Override
    public String runnerJdk() {
        return RunnerFiles.JDK_INSIDE;
    }

    @Override
    public String probeClasspath() {
        return RunnerFiles.PROBE_INSIDE;
    }

    @Override
    public List<String> commandLine(SandboxSpec spec, List<String> command) {
        List<String> args = new ArrayList<>(List.of(bwrap.toString(),
                "--unshare-all", "--die-with-parent", "--new-session",
                "--hostname", spec.hostname(), "--cap-drop", "ALL"));
        systemRoot(args);
        args.addAll(List.of("--dev", "/dev", "--proc", "/proc"));
        for (String dir : List.of("/dev/shm", "/tmp", "/var/tmp", "/run")) {
            args.addAll(writableTmpfs(spec, dir));
        }
        maskedProcFiles(args);
        if (spec.home().isPresent()) {
            args.addAll(List.of("--bind", spec.home().get().toString(), SandboxSpec.HOME));
        } else {
            args.addAll(writableTmpfs(spec, SandboxSpec.HOME));
        }
        spec.linkFarm().ifPresent(farm -> linkFarm(spec, farm, args));
        runnerFiles(args);
        spec.dependencies().ifPresent(d -> args.addAll(List.of("--ro-bind", d.toString(), SandboxSpec.DEPENDENCIES)));
        for (Path p : spec.readOnlyPaths()) {
            if (!HostRoot.coveredBySystemEntries(p)) {
                args.addAll(List.of("--ro-bind", p.toString(), p.toString()));
            }
        }
        args.addAll(List.of("--bind", spec.workspace().toString(), spec.workspaceMount()));
        for (Path p : spec.readOnlyInWorkspace()) {
            args.addAll(List.of("--ro-bind", spec.workspace().resolve(p).toString(), spec.workspaceMount() + "/" + p));
        }
        if (seccomp.isPresent()) {
            args.addAll(List.of("--seccomp", SECCOMP_FD));
        }
        args.addAll(List.of("--remount-ro", "/", "--chdir", spec.workspaceMount(), "--"));
        args.addAll(UmaskWrapper.wrap(spec.umask(), command));
        return args;
    }

    /**
     * bubblewrap reads the program from a descriptor; ProcessBuilder passes none but 0-2, so a
     * shell opens the runner's program file on it and execs bubblewrap (which closes it after
     * reading). If the file cannot be opened the shell exits and nothing runs.
     */
    @Override
    public List<String> launchWrapper() {
        if (seccomp.isEmpty()) {
            return List.of();
        }
        return List.of("/bin/sh", "-c", "exec " + SECCOMP_FD + "< \"$0\" && exec \"$@\"",
                RunnerFiles.seccompProgram(seccomp.get()).toString());
    }

    @Override
    public boolean laysOutLinkFarms() {
        return true;
    }

    /** The farm on a private tmpfs of its own, sized like the others: bubblewrap makes its directories and links. */
    private static void linkFarm(SandboxSpec spec, LinkFarm farm, List<String> args) {
        args.addAll(writableTmpfs(spec, farm.mountPoint()));
        for (String dir : farm.directories()) {
            args.addAll(List.of("--dir", farm.inside(dir)));
        }
        farm.links().forEach((path, target) -> args.addAll(List.of("--symlink", target, farm.inside(path))));
    }

    /** The host's system directories read-only (bubblewrap remounts every submount read-only, nosuid, nodev), minus masked secrets. */
    private static void systemRoot(List<String> args) {
        for (HostRoot.Entry e : HostRoot.systemEntries()) {
            if (e.isSymlink()) {
                args.addAll(List.of("--symlink", e.symlinkTarget(), "/" + e.name()));
            } else {
                args.addAll(List.of("--ro-bind", "/" + e.name(), "/" + e.name()));
            }
        }
        for (String file : HostRoot.MASKED_FILES) {
            if (HostRoot.exists(file)) {
                args.addAll(List.of("--ro-bind", "/dev/null", file));
            }
        }
        for (String dir : HostRoot.MASKED_DIRS) {
            if (HostRoot.isDirectory(dir)) {
                args.addAll(List.of("--tmpfs", dir, "--remount-ro", dir));
            }
        }
    }

    private static void maskedProcFiles(List<String> args) {
        for (String path : HostRoot.READ_ONLY_PROC) {
            if (HostRoot.exists(path)) {
                args.addAll(List.of("--ro-bind", path, path));
            }
        }
        for (String file : HostRoot.MASKED_PROC_FILES) {
            if (HostRoot.exists(file)) {
                args.addAll(List.of("--ro-bind", "/dev/null", file));
            }
        }
    }

    /** The runner's JDK and the egress probe at fixed paths, wherever the runner keeps them. */
    private static void runnerFiles(List<String> args) {
        args.addAll(List.of("--ro-bind", RunnerFiles.jdk().toString(), RunnerFiles.JDK_INSIDE,
                "--ro-bind", RunnerFiles.probeClasses().toString(), RunnerFiles.PROBE_INSIDE));
    }

    /** A private tmpfs the build may write, sized by the spec's limits (bubblewrap binds are always nosuid). */
    private static List<String> writableTmpfs(SandboxSpec spec, String dir) {
        var size = spec.confinement().tmpfsBytes();
        return size.isPresent() ? List.of("--size", Long.toString(size.getAsLong()), "--tmpfs", dir) : List.of("--tmpfs", dir);
    }
}
