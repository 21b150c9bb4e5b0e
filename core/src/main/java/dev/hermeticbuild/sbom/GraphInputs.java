package dev.hermeticbuild.sbom;

import dev.hermeticbuild.lock.NpmLockfile;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A private copy of what the run-time graph reads from a project tree, taken by the runner before
 * the build command runs, so that the graph can be resolved while the command runs and rewrites
 * the tree. Every POM, and npm's manifest and lockfile, keep their bytes; every other file is an
 * empty stand-in and every directory and symlink is kept as such, because Maven activates profiles
 * on whether a file exists. The graph read from the copy names the tree, never the copy.
 */
public final class GraphInputs implements AutoCloseable {

    /** A tree with more entries than this is not copied: its graph is read from the tree itself, before the command. */
    static final int MAX_ENTRIES = 20_000;
    private static final List<String> KEPT = List.of("pom.xml", "package.json", NpmLockfile.FILE);

    private final Path tree;
    private final Path copy;

    private GraphInputs(Path tree, Path copy) {
        this.tree = tree;
        this.copy = copy;
    }

    /**
     * Copies what the graph reads from {@code tree} into a new private temporary directory (the
     * runner's alone, outside anything a build is shown); empty when the tree is too large to copy
     * cheaply or cannot be read whole: the caller then reads the graph from the tree before its
     * command runs.
     */
    public static Optional<GraphInputs> copy(Path tree) {
        return copy(tree, MAX_ENTRIES);
    }

    /** As {@link #copy(Path)}, copying no tree of more than {@code maxEntries} files and directories. */
    public static Optional<GraphInputs> copy(Path tree, int maxEntries) {
        int[] entries = {0};
        Path into = null;
        try {
            into = Files.createTempDirectory("hermetic-graph-inputs-");
            Path root = into;
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(tree) && dir.getFileName().toString().equals(".git")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    count();
                    Files.createDirectories(root.resolve(tree.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    count();
                    Path target = root.resolve(tree.relativize(file).toString());
                    if (attrs.isSymbolicLink()) {
                        Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                    } else if (attrs.isRegularFile() && KEPT.contains(file.getFileName().toString())) {
                        Files.copy(file, target, LinkOption.NOFOLLOW_LINKS);
                    } else if (attrs.isRegularFile()) {
                        Files.createFile(target);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    throw e;
                }

                private void count() throws IOException {
                    if (++entries[0] > maxEntries) {
                        throw new IOException("more than " + maxEntries + " entries");
                    }
                }
            });
            return Optional.of(new GraphInputs(tree, into.toRealPath()));
        } catch (IOException e) {
            dev.hermeticbuild.FileTrees.deleteQuietly(into);
            return Optional.empty();
        }
    }

    /** Removes the copy. */
    @Override
    public void close() {
        dev.hermeticbuild.FileTrees.deleteQuietly(copy);
    }

    /** The copy, to read the graph from. */
    public Path directory() {
        return copy;
    }

    /** {@code graph} (read from the copy) as it reads of the tree: every mention of the copy names the tree. */
    public DependencyGraph ofTree(DependencyGraph graph) {
        String from = copy.toString();
        String to = tree.toString();
        UnaryOperator<String> named = s -> s == null ? null : s.replace(from, to);
        UnaryOperator<DependencyGraph.Component> component = c -> new DependencyGraph.Component(named.apply(c.purl()),
                named.apply(c.group()), named.apply(c.name()), named.apply(c.version()), c.scope(),
                c.licenses().stream().map(named).toList(), c.supplier().map(named), c.file());
        Map<String, List<String>> edges = graph.edges().entrySet().stream().collect(Collectors.toMap(e -> named.apply(e.getKey()),
                e -> e.getValue().stream().map(named).toList()));
        return new DependencyGraph(component.apply(graph.root()), graph.components().stream().map(component).toList(), edges,
                named.apply(graph.resolvedBy()), graph.problems().stream().map(named).toList());
    }
}
