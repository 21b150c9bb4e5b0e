package dev.hermeticbuild.artifacts;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Copies a finished build's collected outputs from OUT back into the workspace at their names, so
 * the steps after a release build (which ran in a fresh export) find in the workspace exactly the
 * bytes the provenance names. Nothing is written through a symbolic link the workspace holds, and
 * each file is replaced atomically.
 */
public final class WorkspaceCopy {

    private WorkspaceCopy() {
    }

    /**
     * Copies each output {@code names} (paths relative to both directories, as {@link Artifact#path()}
     * gives them) from {@code outDir} to {@code workspace}; refuses, naming the output, when a
     * directory on the way is a symbolic link or a file, or when a directory stands where the file goes.
     */
    public static void copy(Path outDir, List<String> names, Path workspace) {
        Path root = workspace.toAbsolutePath().normalize();
        for (String name : names) {
            Path relative = Path.of(name).normalize();
            if (relative.isAbsolute() || relative.toString().isEmpty() || relative.startsWith("..")) {
                throw new InputException("output " + Printable.escape(name) + ": not a path inside the workspace");
            }
            Path target = root;
            for (int i = 0; i < relative.getNameCount() - 1; i++) {
                target = target.resolve(relative.getName(i));
                directory(target, root, name);
            }
            file(outDir.resolve(relative), target.resolve(relative.getFileName()), root, name);
        }
    }

    private static void directory(Path dir, Path root, String output) {
        if (Files.isSymbolicLink(dir)) {
            throw refused(output, Printable.escape(root.relativize(dir)) + " in the workspace is a symbolic link; not writing through it");
        }
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(output, Printable.escape(root.relativize(dir)) + " in the workspace is a file, not a directory");
        }
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw refused(output, "cannot create " + Printable.escape(root.relativize(dir)) + " (" + e.getMessage() + ")");
        }
    }

    private static void file(Path source, Path target, Path root, String output) {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(output, Printable.escape(root.relativize(target)) + " in the workspace is a directory");
        }
        Path partial = target.resolveSibling("." + target.getFileName() + ".hermetic-partial");
        try {
            Files.deleteIfExists(partial);
            Files.copy(source, partial, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the message below says what failed; a leftover partial file is named there
            }
            throw refused(output, "cannot write " + Printable.escape(root.relativize(target)) + " (" + e.getMessage() + ")");
        }
    }

    private static InputException refused(String output, String why) {
        return new InputException("copying output " + Printable.escape(output) + " back into the workspace: " + why
                + "; the build itself succeeded and OUT is complete");
    }
}
