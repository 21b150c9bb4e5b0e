package dev.hermeticbuild.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the runner itself brings into every namespace sandbox, wherever the tool is installed: its
 * JDK and the egress probe's class, bound read-only at fixed paths under {@code /opt/hermetic}
 * (so neither a masked /tmp nor a mode-700 home on the way to the runner's files can hide them),
 * and the seccomp program. The probe class and the program are written, content-addressed, into
 * a private directory of the runner's that no sandbox shows.
 */
public final class RunnerFiles {

    /** Where the runner's JDK appears inside a namespace sandbox. */
    public static final String JDK_INSIDE = "/opt/hermetic/jdk";

    /** Where the directory holding the egress probe's class appears inside a namespace sandbox. */
    public static final String PROBE_INSIDE = "/opt/hermetic/probe";

    private RunnerFiles() {
    }

    /** The runner's JDK (its java.home, symlinks resolved). */
    public static Path jdk() {
        Path home = Path.of(System.getProperty("java.home"));
        try {
            return home.toRealPath();
        } catch (IOException e) {
            throw new IsolationException("cannot resolve the runner's JDK " + home + ": " + e.getMessage(), e);
        }
    }

    /**
     * A world-readable classpath directory holding only the egress probe's class, copied from the
     * runner's own classpath (a jar or a classes directory, wherever it lives).
     */
    public static Path probeClasses() {
        String resource = EgressProbe.class.getName().replace('.', '/') + ".class";
        byte[] bytes;
        try (InputStream in = EgressProbe.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IsolationException("cannot find the egress probe's class " + resource + " on the runner's classpath");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IsolationException("cannot read the egress probe's class: " + e.getMessage(), e);
        }
        Path dir = sharedDirectory().resolve("probe-" + sha256(bytes).substring(0, 16));
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return dir;
        }
        try {
            Path staging = Files.createTempDirectory(sharedDirectory(), "probe-staging-");
            Path file = staging.resolve(resource);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            for (Path p = file.getParent(); !p.equals(sharedDirectory()); p = p.getParent()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            try {
                Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                dev.hermeticbuild.FileTrees.deleteQuietly(staging);
            }
            return dir;
        } catch (IOException e) {
            throw new IsolationException("cannot place the egress probe's class under " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The filter's program as a file for bubblewrap's {@code --seccomp FD}, readable by the runner alone. */
    public static Path seccompProgram(SeccompFilter filter) {
        Path file = privateDirectory().resolve("seccomp-" + filter.programSha256().substring(0, 16) + ".bpf");
        try {
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && java.util.Arrays.equals(Files.readAllBytes(file), filter.program())) {
                return file;
            }
            Path staging = Files.createTempFile(privateDirectory(), "seccomp-", ".staging");
            Files.write(staging, filter.program());
            Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new IsolationException("cannot write the seccomp program to " + file + ": " + e.getMessage(), e);
        }
    }

    /** The runner's own private directory (mode 700, shown to no sandbox): the seccomp program, cached toolchain digests. */
    public static Path privateDirectory() {
        return ownedDirectory("hermetic-runner-", "rwx------");
    }

    /**
     * The runner's directory (mode 755) for what the sandbox process itself must read when it runs
     * as the unprivileged build user (the probe class, a build's view of the dependency cache):
     * readable by all, writable by the runner alone.
     */
    public static Path sharedDirectory() {
        return ownedDirectory("hermetic-shared-", "rwxr-xr-x");
    }

    /**
     * A directory {@code java.io.tmpdir/PREFIX<user>}, mode 700, created if missing; an existing one
     * that is a symlink or belongs to someone else is refused (it could be another user's trap).
     */
    static Path ownedDirectory(String prefix, String mode) {
        String user = System.getProperty("user.name");
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), prefix + user);
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(dir);
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
                } catch (FileAlreadyExistsException raced) {
                    // another runner made it first; checked below like any existing one
                }
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                    || !Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(user)
                    || writableByOthers(dir)) {
                throw new IsolationException("sandbox directory " + dir + " is not a directory owned by " + user + " that only its owner may write; remove it");
            }
            return dir;
        } catch (IOException e) {
            throw new IsolationException("cannot create sandbox directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean writableByOthers(Path dir) throws IOException {
        var perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        return perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
                || perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
