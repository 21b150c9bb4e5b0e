package dev.hermeticbuild.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Namespace sandbox built with bubblewrap: all namespaces unshared (user, network, mount, pid,
 * ipc, uts, cgroup), every capability dropped, a fresh root made of read-only system
 * directories, private /tmp, /run and HOME, and the workspace as the only writable place.
 */
public final class BubblewrapSandbox implements Sandbox {

    private final Path bwrap;

    public BubblewrapSandbox(Path bwrap) {
        this.bwrap = bwrap;
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
    public List<String> commandLine(SandboxSpec spec, List<String> command) {
        List<String> args = new ArrayList<>(List.of(bwrap.toString(),
                "--unshare-all", "--die-with-parent", "--new-session",
                "--hostname", spec.hostname(), "--cap-drop", "ALL"));
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
                args.addAll(List.of("--tmpfs", dir));
            }
        }
        args.addAll(List.of("--dev", "/dev", "--proc", "/proc"));
        for (String dir : List.of("/dev/shm", "/tmp", "/var/tmp", "/run")) {
            args.addAll(writableTmpfs(spec, dir));
        }
        if (spec.home().isPresent()) {
            args.addAll(List.of("--bind", spec.home().get().toString(), SandboxSpec.HOME));
        } else {
            args.addAll(writableTmpfs(spec, SandboxSpec.HOME));
        }
        for (Path p : spec.readOnlyPaths()) {
            if (!HostRoot.coveredBySystemEntries(p)) {
                args.addAll(List.of("--ro-bind", p.toString(), p.toString()));
            }
        }
        args.addAll(List.of("--bind", spec.workspace().toString(), spec.workspaceMount(),
                "--remount-ro", "/", "--chdir", spec.workspaceMount(), "--"));
        args.addAll(UmaskWrapper.wrap(spec.umask(), command));
        return args;
    }

    /** A private tmpfs the build may write, sized by the spec's limits (bubblewrap binds are always nosuid). */
    private static List<String> writableTmpfs(SandboxSpec spec, String dir) {
        var size = spec.confinement().tmpfsBytes();
        return size.isPresent() ? List.of("--size", Long.toString(size.getAsLong()), "--tmpfs", dir) : List.of("--tmpfs", dir);
    }
}
