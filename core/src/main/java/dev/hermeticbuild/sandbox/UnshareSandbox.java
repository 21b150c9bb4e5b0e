package dev.hermeticbuild.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Namespace sandbox built from what every Debian machine has: util-linux ({@code unshare},
 * {@code mount}, {@code pivot_root}, {@code setpriv}) and perl-base. A small init script
 * ({@code unshare-init.sh}) builds the same root as {@link BubblewrapSandbox}, pivots into it,
 * drops every capability and sets no_new_privs; then {@link SeccompLoader} starts a new session,
 * installs the {@link SeccompFilter} and execs the command.
 */
public final class UnshareSandbox implements Sandbox {

    private static final String INIT_SCRIPT = loadInitScript();

    private final Path unshare;
    private final Path perl;
    private final Path rootMountpoint;
    private final Optional<SeccompFilter> seccomp;

    /**
     * @param unshare path of util-linux {@code unshare}
     * @param perl path of {@code perl}, which runs the last step (session, seccomp filter)
     * @param rootMountpoint an existing directory, owned by the runner, over which the sandbox's
     *     private root tmpfs is mounted; the mount lives only in the sandbox's mount namespace
     * @param seccomp the filter to install; empty only for measuring what the filter costs
     */
    public UnshareSandbox(Path unshare, Path perl, Path rootMountpoint, Optional<SeccompFilter> seccomp) {
        this.unshare = unshare;
        this.perl = perl;
        this.rootMountpoint = rootMountpoint;
        this.seccomp = seccomp;
    }

    @Override
    public String mechanism() {
        return "unshare";
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
        if (spec.linkFarm().isPresent()) {
            throw new IsolationException("the unshare sandbox does not lay out link farms: lay the farm out on the host");
        }
        List<String> args = new ArrayList<>(List.of(unshare.toString(),
                "--user", "--map-root-user", "--net", "--mount", "--pid", "--fork",
                "--ipc", "--uts", "--cgroup", "--kill-child", "--",
                "/bin/sh", "-c", INIT_SCRIPT, "hermetic-init",
                rootMountpoint.toString(), spec.workspace().toString(), spec.hostname()));
        StringBuilder roots = new StringBuilder();
        for (HostRoot.Entry e : HostRoot.systemEntries()) {
            roots.append(e.name()).append(e.isSymlink() ? "=" + e.symlinkTarget() : "").append('\n');
        }
        args.add(roots.toString());
        List<String> maskedFiles = new ArrayList<>(existing(HostRoot.MASKED_FILES, false));
        maskedFiles.addAll(existing(HostRoot.MASKED_PROC_FILES, false));
        args.add(String.join("\n", maskedFiles));
        args.add(String.join("\n", existing(HostRoot.MASKED_DIRS, true)));
        args.add(String.join("\n", readOnlyBinds(spec)));
        args.add(spec.home().map(Path::toString).orElse(""));
        args.add(spec.workspaceMount());
        args.add(tmpfsSizeOption(spec));
        args.add(String.join("\n", spec.readOnlyInWorkspace().stream().map(Path::toString).toList()));
        args.addAll(SeccompLoader.command(perl, seccomp));
        args.addAll(UmaskWrapper.wrap(spec.umask(), command));
        return args;
    }

    /** The runner's JDK and probe at their fixed inside paths, then the spec's extra read-only paths. */
    private static List<String> readOnlyBinds(SandboxSpec spec) {
        List<String> binds = new ArrayList<>(List.of(
                line(RunnerFiles.jdk()) + "\t" + RunnerFiles.JDK_INSIDE,
                line(RunnerFiles.probeClasses()) + "\t" + RunnerFiles.PROBE_INSIDE));
        spec.dependencies().ifPresent(d -> binds.add(line(d) + "\t" + SandboxSpec.DEPENDENCIES));
        for (Path p : spec.readOnlyPaths()) {
            if (!HostRoot.coveredBySystemEntries(p)) {
                binds.add(line(p));
            }
        }
        return binds;
    }

    /** A path as one line of the init script's lists: tabs and newlines would split it, so they are refused. */
    private static String line(Path p) {
        String s = p.toString();
        if (s.contains("\n") || s.contains("\t")) {
            throw new IsolationException("cannot bind " + s.replace("\n", "\\n").replace("\t", "\\t")
                    + " into the unshare sandbox: its path holds a tab or a newline");
        }
        return s;
    }

    /** The {@code ,size=BYTES} mount option for the writable tmpfs mounts, or nothing when unlimited. */
    private static String tmpfsSizeOption(SandboxSpec spec) {
        var size = spec.confinement().tmpfsBytes();
        return size.isPresent() ? ",size=" + size.getAsLong() : "";
    }

    private static List<String> existing(List<String> paths, boolean directories) {
        return paths.stream()
                .filter(p -> directories ? HostRoot.isDirectory(p) : HostRoot.exists(p))
                .toList();
    }

    private static String loadInitScript() {
        try (InputStream in = UnshareSandbox.class.getResourceAsStream("unshare-init.sh")) {
            if (in == null) {
                throw new IllegalStateException("unshare-init.sh missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
