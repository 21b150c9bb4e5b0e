package dev.hermeticbuild.artifacts;

import dev.hermeticbuild.FileTrees;
import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An output directory written whole or not at all. A run fills a fresh sibling directory
 * ({@code OUT.tmp-XXXX}, mode 0700, on OUT's filesystem); {@link #commit()} renames the earlier
 * OUT away, renames the new one into place and deletes the earlier one, so nothing of an earlier
 * run survives beside a new one. A run that ends without {@link #commit()} deletes its staging
 * directory and leaves the earlier OUT as it was. Between the two renames (microseconds) OUT is
 * absent; OUT's parent directory must be writable.
 */
public final class StagedOutDir implements AutoCloseable {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PUBLISHED = PosixFilePermissions.fromString("rwxr-xr-x");

    private final String option;
    private final Path target;
    private final Path staging;
    private boolean finished;

    private StagedOutDir(String option, Path target, Path staging) {
        this.option = option;
        this.target = target;
        this.staging = staging;
    }

    /**
     * Starts a run that will replace {@code out}. An existing {@code out} must be empty or hold
     * {@code marker} (a file every complete run writes), so that pointing {@code --out} at a
     * directory of other files never deletes them; it may not contain or lie in {@code workspace}.
     *
     * @param option how the user named the directory, for errors ({@code --out})
     */
    public static StagedOutDir open(String option, Path out, Path workspace, String marker) {
        return open(option, out, Optional.of(workspace), marker);
    }

    /**
     * As {@link #open(String, Path, Path, String)}, for a run whose build works in a fresh copy
     * of its own (a rebuild from a clone), so no workspace constrains where OUT may be.
     */
    public static StagedOutDir open(String option, Path out, String marker) {
        return open(option, out, Optional.empty(), marker);
    }

    private static StagedOutDir open(String option, Path out, Optional<Path> workspace, String marker) {
        Path abs = out.toAbsolutePath().normalize();
        if (abs.getParent() == null) {
            throw new InputException(option + " " + out + ": the root directory cannot be an output directory");
        }
        try {
            Path target = Files.isDirectory(abs) ? abs.toRealPath()
                    : Files.createDirectories(abs.getParent()).toRealPath().resolve(abs.getFileName().toString());
            if (workspace.isPresent()) {
                Path ws = workspace.get().toRealPath();
                if (target.startsWith(ws)) {
                    throw new InputException(option + " " + out + " is inside the workspace " + ws
                            + ", where the untrusted build could write; choose a directory outside it");
                }
                if (ws.startsWith(target)) {
                    throw new InputException(option + " " + out + " contains the workspace " + ws
                            + "; each run replaces the output directory whole: choose a directory beside the workspace");
                }
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                refuseForeign(option, out, target, marker);
            }
            Path parent = target.getParent();
            if (!Files.isWritable(parent)) {
                throw new InputException(option + " " + out + ": its parent directory " + parent + " is not writable (each run"
                        + " builds a new output directory beside the old one and renames it into place)");
            }
            Path staging = Files.createTempDirectory(parent, target.getFileName() + ".tmp-",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            return new StagedOutDir(option, target, staging);
        } catch (IOException e) {
            throw new InputException(option + " " + out + ": cannot prepare the output directory (" + e + ")", e);
        }
    }

    private static void refuseForeign(String option, Path out, Path target, String marker) throws IOException {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException(option + " " + out + " exists and is not a directory");
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(target)) {
            empty = entries.findAny().isEmpty();
        }
        if (!empty && !Files.isRegularFile(target.resolve(marker), LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException(option + " " + out + " is not empty and holds no " + marker + " of an earlier run:"
                    + " each run replaces the output directory whole, so choose a new or empty directory");
        }
    }

    /** Where this run writes: the staging directory, published as {@link #target()} by {@link #commit()}. */
    public Path staging() {
        return staging;
    }

    /** OUT itself: where the files are once the run is committed. */
    public Path target() {
        return target;
    }

    /** Where a file written under {@link #staging()} is once the run is committed. */
    public Path published(Path staged) {
        return target.resolve(staging.relativize(staged).toString());
    }

    /** Publishes the staging directory as OUT, replacing (and then deleting) the earlier OUT. */
    public Path commit() {
        finished = true;
        Path old = null;
        try {
            Files.setPosixFilePermissions(staging, PUBLISHED);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                old = target.resolveSibling(target.getFileName() + ".old-" + UUID.randomUUID());
                rename(target, old);
            }
            try {
                rename(staging, target);
                FileTrees.deleteQuietly(failedDir());
            } catch (IOException e) {
                if (old != null) {
                    rename(old, target);
                    old = null;
                }
                throw e;
            }
        } catch (IOException e) {
            FileTrees.deleteQuietly(staging);
            throw new InputException(option + " " + target + ": cannot put the new output directory in place (" + e + ")", e);
        } finally {
            FileTrees.deleteQuietly(old);
        }
        return target;
    }

    /**
     * Ends a failed run: keeps the staged {@code file} (the build log) as {@code OUT.failed/NAME},
     * replacing the one an earlier failed run kept, deletes the rest and leaves OUT as it was.
     */
    public Path keepFailed(String file) {
        finished = true;
        Path failed = failedDir();
        Path kept = failed.resolve(file);
        try {
            if (Files.exists(failed, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(failed, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(failed);
            }
            FileTrees.deleteQuietly(failed);
            Files.createDirectory(failed, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.move(staging.resolve(file), kept, StandardCopyOption.ATOMIC_MOVE);
            return kept;
        } catch (IOException e) {
            throw new InputException("cannot keep the build log of the failed run in " + failed + " (" + e + ")", e);
        } finally {
            FileTrees.deleteQuietly(staging);
        }
    }

    /** Deletes the staging directory of a run that was neither committed nor kept as failed. */
    @Override
    public void close() {
        if (!finished) {
            finished = true;
            FileTrees.deleteQuietly(staging);
        }
    }

    private Path failedDir() {
        return target.resolveSibling(target.getFileName() + ".failed");
    }

    private static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " atomically (another filesystem?)", e);
        }
    }
}
