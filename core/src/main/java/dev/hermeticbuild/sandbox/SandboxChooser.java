package dev.hermeticbuild.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * Turns a {@link SandboxMode} into a {@link Sandbox}: bubblewrap when installed, else util-linux
 * unshare; {@code none} only when asked. Tools are looked up in fixed system directories, never
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
                    "--sandbox unshare: util-linux unshare, setpriv and pivot_root are required"));
            case AUTO, NAMESPACE -> bubblewrap().or(SandboxChooser::unshare).orElseThrow(() -> new IsolationException(
                    "no namespace sandbox available: install bubblewrap, or util-linux (unshare, setpriv, pivot_root)"));
        };
    }

    public static Optional<Sandbox> bubblewrap() {
        return find("bwrap").map(BubblewrapSandbox::new);
    }

    public static Optional<Sandbox> unshare() {
        Optional<Path> unshare = find("unshare");
        if (unshare.isEmpty() || find("setpriv").isEmpty() || find("pivot_root").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UnshareSandbox(unshare.get(), rootMountpoint()));
    }

    static Optional<Path> find(String tool) {
        return SYSTEM_BIN.stream().map(d -> d.resolve(tool)).filter(Files::isExecutable).findFirst();
    }

    /** A runner-owned empty directory to mount the private root over (inside the namespace only). */
    private static Path rootMountpoint() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"),
                "hermetic-sandbox-root-" + System.getProperty("user.name"));
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another runner made it first; checked below like any existing one
                }
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                    || !Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))) {
                throw new IsolationException("sandbox mountpoint " + dir
                        + " is not a directory owned by " + System.getProperty("user.name") + "; remove it");
            }
            return dir;
        } catch (IOException e) {
            throw new IsolationException("cannot create sandbox mountpoint " + dir + ": " + e.getMessage(), e);
        }
    }
}
