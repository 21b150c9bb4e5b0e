package dev.hermeticbuild.lock;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.digest.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Maven lock kept outside the source tree ({@code --lock FILE}, or {@code DIR.hermetic.lock}
 * beside the workspace {@code DIR}), so that neither the project's own checks (Apache RAT) nor
 * its source identity see it. It is input to the release policy, so it is taken only from a file
 * the build cannot write, read once and whole, and digested and parsed from those same bytes.
 *
 * @param path the real path it was read from
 * @param origin how it was chosen: {@code --lock} or {@code beside the source}
 * @param sha256 the digest of the bytes parsed
 */
public record ExternalLock(Path path, String origin, String sha256, List<LockedDependency> dependencies) {

    /** What {@code DIR.hermetic.lock} ends with. */
    public static final String SUFFIX = ".hermetic.lock";
    public static final String GIVEN = "--lock";
    public static final String BESIDE_SOURCE = "beside the source";

    public ExternalLock {
        dependencies = List.copyOf(dependencies);
    }

    /** The default place of the lock of {@code workspace}: {@code DIR.hermetic.lock} next to the directory {@code DIR}. */
    public static Optional<Path> besideSource(Path workspace) {
        Path ws = realOrAbsolute(workspace);
        return ws.getParent() == null ? Optional.empty() : Optional.of(ws.resolveSibling(ws.getFileName() + SUFFIX));
    }

    /**
     * The lock outside the tree a command of {@code workspace} uses: {@code given}, else the one
     * beside the source if it exists and the tree holds no {@code hermetic.lock} of its own. Both
     * a given lock and a committed one is ambiguous, and refused.
     *
     * @param tree the directory actually read (a fresh export of the workspace's commit, say)
     * @param buildWritable where the build can write (the workspace, OUT): a lock there is refused
     */
    public static Optional<ExternalLock> find(Optional<Path> given, Path workspace, Path tree, List<Path> buildWritable) {
        boolean inTree = Files.isRegularFile(tree.resolve(MavenLockfile.FILE), LinkOption.NOFOLLOW_LINKS);
        if (given.isPresent()) {
            if (inTree) {
                throw new InputException("--lock " + given.get() + ": the source tree has a " + MavenLockfile.FILE + " of its own;"
                        + " use one or the other (remove the committed one, or drop --lock)");
            }
            return Optional.of(read(GIVEN, given.get(), buildWritable));
        }
        if (inTree) {
            return Optional.empty();
        }
        return besideSource(workspace).filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS))
                .map(p -> read(BESIDE_SOURCE, p, buildWritable));
    }

    /**
     * Reads the lock at {@code file}, refusing it where the build could have written or could
     * swap it: under a directory in {@code buildWritable} (real paths compared), not a regular
     * file, not this user's (or root's), writable by group or others, or below a directory that
     * someone else could rename it out of. The file must not change while it is read.
     */
    public static ExternalLock read(String option, Path file, List<Path> buildWritable) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new InputException(option + " " + file + ": no such lock file (write it with hermetic lock)", e);
        }
        for (Path writable : buildWritable) {
            if (real.startsWith(realOrAbsolute(writable))) {
                throw new InputException(option + " " + file + " lies where the build can write (" + real + " is under " + writable
                        + "); keep the lock outside the workspace and the output directory");
            }
        }
        try {
            BasicFileAttributes before = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!before.isRegularFile()) {
                throw new InputException(option + " " + file + " is not a regular file");
            }
            refuseWritableByOthers(option, file, real, false);
            for (Path dir = real.getParent(); dir != null; dir = dir.getParent()) {
                refuseWritableByOthers(option, file, dir, true);
            }
            byte[] bytes = Files.readAllBytes(real);
            BasicFileAttributes after = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!Objects.equals(before.fileKey(), after.fileKey()) || !before.lastModifiedTime().equals(after.lastModifiedTime())
                    || before.size() != bytes.length) {
                throw new InputException(option + " " + file + " changed while it was read; nothing was used");
            }
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            String origin = GIVEN.equals(option) ? GIVEN : BESIDE_SOURCE;
            return new ExternalLock(real, origin, Sha256.ofBytes(bytes), MavenLockfile.parse(real.getFileName().toString(), lines));
        } catch (IOException e) {
            throw new InputException(option + " " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** A lock, or a directory above it, that a user other than this one (or root) could change. */
    private static void refuseWritableByOthers(String option, Path file, Path p, boolean directory) throws IOException {
        int owner = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        boolean sticky = directory && (mode & 01000) != 0;
        String what = directory ? "directory " + p + " above it" : p.toString();
        if (owner != self && owner != 0) {
            throw new InputException(option + " " + file + ": " + what + " belongs to uid " + owner + ", not to this user (uid "
                    + self + ") or root: its owner (the build user, say) could change the lock; keep it in a directory of your own");
        }
        if ((mode & 022) != 0 && !sticky) {
            throw new InputException(option + " " + file + ": " + what + " is writable by group or others (mode "
                    + Integer.toOctalString(mode & 07777) + "), who could change the lock: chmod go-w");
        }
    }

    private static Path realOrAbsolute(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
