package dev.hermeticbuild.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Turns a {@link SandboxMode} into a {@link Sandbox}: bubblewrap when installed, else util-linux
 * unshare (with perl for the seccomp loader); {@code none} only when asked. Tools are looked up in fixed system directories, never
 * on the caller's PATH.
 */
public final class SandboxChooser {

    private static final List<Path> SYSTEM_BIN = List.of(
            Path.of("/usr/bin"), Path.of("/bin"), Path.of("/usr/sbin"), Path.of("/sbin"), Path.of("/usr/local/bin"));

    private SandboxChooser() {
    }

    public static Sandbox choose(SandboxMode mode) {
        return switch (mode) {
            case NONE -> new NoSandbox();
            case BUBBLEWRAP -> bubblewrap().orElseThrow(() -> new IsolationException(
                    "--sandbox bubblewrap: bwrap is not installed (Debian package bubblewrap)"));
            case UNSHARE -> unshare().orElseThrow(() -> new IsolationException(
                    "--sandbox unshare: util-linux unshare, setpriv and pivot_root, and perl, are required"));
            case AUTO, NAMESPACE -> bubblewrap().or(SandboxChooser::unshare).orElseThrow(() -> new IsolationException(
                    "no namespace sandbox available: install bubblewrap, or util-linux (unshare, setpriv, pivot_root) and perl"));
        };
    }

    public static Optional<Sandbox> bubblewrap() {
        return find("bwrap").map(BubblewrapSandbox::new);
    }

    public static Optional<Sandbox> unshare() {
        Optional<Path> unshare = find("unshare");
        Optional<Path> perl = find("perl");
        if (unshare.isEmpty() || perl.isEmpty() || find("setpriv").isEmpty() || find("pivot_root").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UnshareSandbox(unshare.get(), perl.get(), rootMountpoint(), Optional.of(SeccompFilter.forHost())));
    }

    static Optional<Path> find(String tool) {
        return SYSTEM_BIN.stream().map(d -> d.resolve(tool)).filter(Files::isExecutable).findFirst();
    }

    /**
     * A runner-owned empty directory to mount the private root over (inside the namespace only),
     * symlinks resolved: the init script finds the mounts below it by path in /proc/self/mountinfo.
     */
    private static Path rootMountpoint() {
        Path dir = RunnerFiles.ownedDirectory("hermetic-sandbox-root-", "rwxr-xr-x");
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw new IsolationException("cannot resolve the sandbox mountpoint " + dir + ": " + e.getMessage(), e);
        }
    }
}
