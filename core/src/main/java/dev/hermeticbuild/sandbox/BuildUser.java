package dev.hermeticbuild.sandbox;

import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * The unprivileged host uid and gid a build runs as when the runner is root, as Nix runs builds
 * as its nixbld users: whatever the build leaves behind (a setuid shell, say) belongs to this
 * uid on the host and gives nothing. No passwd entry is needed. When the runner is not root,
 * the build runs as the runner's own uid and this value changes nothing.
 *
 * @param uid host uid of the build when the runner is root; never 0
 * @param gid host gid of the build when the runner is root; never 0
 */
public record BuildUser(int uid, int gid) {

    /** The default id, for uid and gid: fixed, above every login user and system account Debian creates. */
    public static final int DEFAULT_ID = 64000;

    /** The default build user, 64000:64000. */
    public static final BuildUser DEFAULT = new BuildUser(DEFAULT_ID, DEFAULT_ID);

    /** The environment variable a platform team sets instead of {@code --build-uid}: {@code UID} or {@code UID:GID}. */
    public static final String ENVIRONMENT_VARIABLE = "HERMETIC_BUILD_UID";

    private static final int SETUID_SETGID_STICKY = 07000;

    public BuildUser {
        if (uid <= 0 || gid <= 0) {
            throw new InputException("build user " + uid + ":" + gid + ": uid and gid must be positive (never 0, root)");
        }
        if (uid == 65534 || gid == 65534) {
            throw new InputException("build user " + uid + ":" + gid + ": 65534 is nobody/nogroup, the overflow id; choose a dedicated id");
        }
    }

    /** Parses {@code UID} or {@code UID:GID} (the gid defaults to the uid); {@code source} names the option in errors. */
    public static BuildUser parse(String value, String source) {
        String v = value == null ? "" : value.strip();
        if (!v.matches("[0-9]{1,9}(:[0-9]{1,9})?")) {
            throw new InputException(source + " '" + value + "': expected UID or UID:GID, e.g. 64000 or 64000:64000");
        }
        String[] parts = v.split(":");
        int uid = Integer.parseInt(parts[0]);
        int gid = parts.length > 1 ? Integer.parseInt(parts[1]) : uid;
        try {
            return new BuildUser(uid, gid);
        } catch (InputException e) {
            throw new InputException(source + " '" + value + "': " + e.getMessage(), e);
        }
    }

    /** The build user from {@code --build-uid} if given (may be null), else {@link #ENVIRONMENT_VARIABLE} if set, else {@link #DEFAULT}. */
    public static BuildUser configured(String option, String environmentValue) {
        if (option != null) {
            return parse(option, "--build-uid");
        }
        if (environmentValue != null && !environmentValue.isBlank()) {
            return parse(environmentValue, ENVIRONMENT_VARIABLE);
        }
        return DEFAULT;
    }

    /** Whether the build runs as this uid: only when the runner's effective uid is 0. */
    public boolean applies() {
        return RunnerIds.euid() == 0;
    }

    /**
     * The command-line prefix that starts the sandbox mechanism as this uid (empty when it does
     * not apply): util-linux setpriv with no supplementary groups, no capabilities and
     * no_new_privs, so bubblewrap or unshare then create an unprivileged user namespace.
     */
    List<String> launchPrefix(Path setpriv) {
        if (!applies()) {
            return List.of();
        }
        return List.of(setpriv.toString(), "--reuid=" + uid, "--regid=" + gid, "--clear-groups",
                "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--no-new-privs", "--");
    }

    /**
     * Makes a runner-made tree the build must write (a build tree, its HOME, a fresh export of
     * a commit) owned by this uid and gid, when the build user applies; symlinks are re-owned,
     * never followed; setuid, setgid and sticky bits are cleared on files. Does nothing otherwise.
     */
    public void ownWritable(Path root) {
        if (!applies()) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    own(dir, false);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    own(file, attrs.isRegularFile());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new IsolationException("cannot hand " + root + " to the build user " + uid + ":" + gid + ": " + e.getMessage(), e);
        }
    }

    private void own(Path p, boolean regularFile) throws IOException {
        Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        if (regularFile) {
            int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if ((mode & SETUID_SETGID_STICKY) != 0) {
                Files.setAttribute(p, "unix:mode", mode & ~SETUID_SETGID_STICKY & 07777, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    @Override
    public String toString() {
        return uid + ":" + gid;
    }
}
