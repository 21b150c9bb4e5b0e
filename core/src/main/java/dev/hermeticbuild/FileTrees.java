package dev.hermeticbuild;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Copying and removing directory trees: the runner's scratch workspaces, copies of a project for
 * a second build, temporary checkouts. Symlinks are copied as links, never followed.
 */
public final class FileTrees {

    private FileTrees() {
    }

    /** Copies {@code from} to {@code to}, leaving out paths (relative to {@code from}) that {@code skip} accepts. */
    public static Path copy(Path from, Path to, Predicate<Path> skip) throws IOException {
        Path source = from.toRealPath();
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path relative = source.relativize(p);
                if (relative.getNameCount() > 0 && !relative.toString().isEmpty() && skip.test(relative)) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isSymbolicLink(p)) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p)) {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    /** Removes a tree, best effort: what a scratch directory leaves behind in the temp directory is harmless. */
    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leftovers are harmless
        }
    }
}
