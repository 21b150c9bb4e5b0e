package dev.hermeticbuild.artifacts;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import dev.hermeticbuild.digest.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Resolves {@code --output} globs inside the workspace and copies each match into the output
 * directory while digesting it (one streamed pass). Symlinks that lead outside the workspace
 * are refused with the offending path named; a pattern that matches nothing is an error.
 */
public final class OutputCollector {

    private OutputCollector() {
    }

    /** The workspace files the globs name, relative paths in sorted order. */
    public static List<Path> match(Path workspace, List<OutputGlob> globs) {
        return match(workspace, "the workspace " + workspace, globs);
    }

    private static List<Path> match(Path workspace, String shownAs, List<OutputGlob> globs) {
        Path root = realDirectory(workspace);
        TreeMap<String, Path> matches = new TreeMap<>();
        for (OutputGlob glob : globs) {
            List<Path> found = matchOne(root, glob);
            for (Path p : found) {
                matches.put(p.toString(), p);
            }
            if (found.isEmpty()) {
                throw new InputException("--output '" + glob.pattern() + "' matched no file in " + shownAs
                        + "; " + NearbyFiles.describe(root, glob));
            }
        }
        return List.copyOf(matches.values());
    }

    /** Matches, then copies each file to {@code outDir} under its relative path, digesting as it copies. */
    public static List<Artifact> collect(Path workspace, List<OutputGlob> globs, Path outDir) {
        return collect(workspace, globs, outDir, name -> false, OutputBudget.unlimited());
    }

    /**
     * As {@link #collect(Path, List, Path)}, refusing every output whose path is {@code reserved}
     * (a file the runner writes in {@code outDir}), before anything is copied.
     */
    public static List<Artifact> collect(Path workspace, List<OutputGlob> globs, Path outDir, Predicate<String> reserved) {
        return collect(workspace, globs, outDir, reserved, OutputBudget.unlimited());
    }

    /** As {@link #collect(Path, List, Path, Predicate, OutputBudget)}, with no reserved names. */
    public static List<Artifact> collect(Path workspace, List<OutputGlob> globs, Path outDir, OutputBudget budget) {
        return collect(workspace, globs, outDir, name -> false, budget);
    }

    /**
     * Refuses reserved names first, then copies within {@code budget}: refused before copying when
     * the matched files are too large together, and while copying when they grow; on refusal the
     * copies made so far are removed. Copies are plain files of mode 0644 or 0755: setuid,
     * setgid and sticky bits never reach OUT.
     */
    public static List<Artifact> collect(Path workspace, List<OutputGlob> globs, Path outDir, Predicate<String> reserved,
                                         OutputBudget budget) {
        return collect(workspace, "the workspace " + workspace, globs, outDir, reserved, budget);
    }

    /**
     * As {@link #collect(Path, List, Path, Predicate, OutputBudget)}, naming the workspace
     * {@code shownAs} when a glob matches nothing (the user's workspace, when the build ran in a copy).
     */
    public static List<Artifact> collect(Path workspace, String shownAs, List<OutputGlob> globs, Path outDir, Predicate<String> reserved,
                                         OutputBudget budget) {
        Path root = realDirectory(workspace);
        List<Path> matched = match(root, shownAs, globs);
        checkSizes(root, matched, budget);
        List<Artifact> artifacts = new ArrayList<>();
        for (Path relative : matched) {
            if (reserved.test(relative.toString())) {
                throw new InputException("output " + Printable.escape(relative) + " has the name of a file the runner writes in the output"
                        + " directory (build log, provenance, SBOM or a *.sigstore.json bundle); rename it in the build");
            }
        }
        List<Path> written = new ArrayList<>();
        for (Path relative : matched) {
            Path source = insideWorkspace(root, relative);
            Path target = outDir.resolve(relative.toString());
            try {
                Files.createDirectories(target.getParent());
                String sha256;
                written.add(target);
                try (OutputStream out = budget.guard(Files.newOutputStream(target), relative.toString())) {
                    sha256 = Sha256.copyAndDigest(source, out);
                }
                PlainMode.apply(source, target);
                artifacts.add(new Artifact(relative.toString(), Files.size(target), sha256));
            } catch (IOException e) {
                throw new InputException("cannot copy output " + Printable.escape(relative) + " to " + Printable.escape(target) + ": " + e.getMessage(), e);
            } catch (dev.hermeticbuild.PolicyException e) {
                written.forEach(w -> w.toFile().delete());
                throw e;
            }
        }
        return artifacts;
    }

    private static void checkSizes(Path root, List<Path> matched, OutputBudget budget) {
        long total = 0;
        long largest = -1;
        String largestName = "";
        for (Path relative : matched) {
            try {
                long size = Files.size(insideWorkspace(root, relative));
                total += size;
                if (size > largest) {
                    largest = size;
                    largestName = relative.toString();
                }
            } catch (IOException e) {
                throw new InputException("cannot read the size of output " + relative + ": " + e.getMessage(), e);
            }
        }
        budget.checkTotal(total, largestName + " (" + largest + " bytes, the largest)");
    }

    private static List<Path> matchOne(Path root, OutputGlob glob) {
        if (glob.literal() && Files.isDirectory(root.resolve(glob.pattern()))) {
            return matchOne(root, glob.underDirectory());
        }
        PathMatcher matcher = glob.matcher();
        Path start = root.resolve(glob.literalPrefix()).normalize();
        if (!start.startsWith(root) || !Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        if (Files.isSymbolicLink(start)) {
            insideWorkspace(root, root.relativize(start));
        }
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    Path relative = root.relativize(file);
                    if (matcher.matches(relative)) {
                        if (attrs.isSymbolicLink()) {
                            insideWorkspace(root, relative);
                        } else if (!attrs.isRegularFile()) {
                            throw new InputException("--output '" + glob.pattern() + "' matched " + Printable.escape(relative) + ", which is not a regular file");
                        }
                        found.add(relative);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new InputException("cannot search the workspace for '" + glob.pattern() + "': " + e.getMessage(), e);
        }
        return found;
    }

    /** The real file behind a workspace path; refuses anything (symlink or not) that resolves outside. */
    static Path insideWorkspace(Path root, Path relative) {
        Path candidate = root.resolve(relative.toString()).normalize();
        try {
            Path real = candidate.toRealPath();
            if (!real.startsWith(root)) {
                throw new InputException("output " + Printable.escape(relative) + " is a symlink that points outside the workspace (to "
                        + Printable.escape(real) + ")");
            }
            if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new InputException("output " + Printable.escape(relative) + " is not a regular file");
            }
            return real;
        } catch (IOException e) {
            throw new InputException("output " + Printable.escape(relative) + " cannot be resolved (dangling symlink?): " + e.getMessage(), e);
        }
    }

    private static Path realDirectory(Path dir) {
        try {
            Path real = dir.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new InputException("workspace " + dir + " is not a directory");
            }
            return real;
        } catch (IOException e) {
            throw new InputException("workspace " + dir + " does not exist", e);
        }
    }
}
