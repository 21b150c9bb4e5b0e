package dev.hermeticbuild.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Namespace sandbox built from util-linux alone ({@code unshare}, {@code mount},
 * {@code pivot_root}, {@code setpriv}): what every Debian machine has. A small init script
 * ({@code unshare-init.sh}) builds the same root as {@link BubblewrapSandbox}, pivots into it,
 * then drops every capability and sets no_new_privs before it execs the command.
 */
public final class UnshareSandbox implements Sandbox {

    private static final String INIT_SCRIPT = loadInitScript();

    private final Path unshare;
    private final Path rootMountpoint;

    /**
     * @param unshare path of util-linux {@code unshare}
     * @param rootMountpoint an existing directory, owned by the runner, over which the sandbox's
     *     private root tmpfs is mounted; the mount lives only in the sandbox's mount namespace
     */
    public UnshareSandbox(Path unshare, Path rootMountpoint) {
        this.unshare = unshare;
        this.rootMountpoint = rootMountpoint;
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
    public List<String> commandLine(SandboxSpec spec, List<String> command) {
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
        args.add(String.join("\n", existing(HostRoot.MASKED_FILES, false)));
        args.add(String.join("\n", existing(HostRoot.MASKED_DIRS, true)));
        List<String> readOnly = new ArrayList<>();
        for (Path p : spec.readOnlyPaths()) {
            if (!HostRoot.coveredBySystemEntries(p)) {
                readOnly.add(p.toString());
            }
        }
        args.add(String.join("\n", readOnly));
        args.add(spec.home().map(Path::toString).orElse(""));
        args.add(spec.workspaceMount());
        args.add(tmpfsSizeOption(spec));
        args.addAll(UmaskWrapper.wrap(spec.umask(), command));
        return args;
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
