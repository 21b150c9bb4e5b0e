package dev.hermeticbuild.sbom;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.lock.CargoLock;
import dev.hermeticbuild.lock.GoSum;
import dev.hermeticbuild.lock.LockedDependency;
import dev.hermeticbuild.lock.NpmLockfile;
import dev.hermeticbuild.lock.PipRequirements;
import dev.hermeticbuild.lock.ProjectLock;
import dev.hermeticbuild.sbom.maven.MavenDependencyGraph;
import dev.hermeticbuild.sbom.maven.MavenGraphException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run-time graph of a project, read from its source tree before the build runs (so nothing
 * the build writes can change it): Maven's from {@code pom.xml}, npm's from its lockfile, and
 * for Go, Cargo and pip what their lockfiles list, marked as such. A project that is none of
 * these is a generic artifact with no run-time components.
 */
public final class RuntimeGraphs {

    /** When the Maven graph cannot be resolved, every locked Maven file is build-time material, and the SBOM says why. */
    static final String MAVEN_UNRESOLVED = "none: the Maven run-time graph is not resolved; every locked Maven file is listed as build-time material";

    private RuntimeGraphs() {
    }

    /** The graph of the project in {@code tree}; {@code name} names a generic artifact (the project directory). */
    public static DependencyGraph of(Path tree, ProjectLock lock, Optional<ContentCache> cache, String name) {
        List<String> problems = new ArrayList<>();
        Optional<String> unnamed = Optional.empty();
        DependencyGraph primary;
        if (exists(tree, "pom.xml")) {
            DependencyGraph.Component root;
            try {
                root = MavenProjectRoot.of(tree.resolve("pom.xml"), lock.dependencies(), cache);
            } catch (InputException e) {
                unnamed = Optional.of("the artifact is named generically: " + e.getMessage());
                root = generic(name);
            }
            primary = maven(tree, lock, cache, root);
            if (!primary.root().purl().startsWith("pkg:generic/")) {
                unnamed = Optional.empty();
            }
        } else if (exists(tree, NpmLockfile.FILE)) {
            primary = NpmDependencyGraph.read(tree);
        } else {
            primary = new DependencyGraph(generic(name), List.of(), Map.of(), "none: no package manager's run-time graph", List.of());
        }
        List<DependencyGraph.Component> components = new ArrayList<>(primary.components());
        List<String> resolvedBy = new ArrayList<>(List.of(primary.resolvedBy()));
        for (String[] ecosystem : new String[][] {{"golang", GoSum.FILE}, {"cargo", CargoLock.FILE}, {"pypi", PipRequirements.FILE}}) {
            List<LockedDependency> locked = lock.of(ecosystem[0]);
            if (!locked.isEmpty()) {
                components.addAll(LockfileGraph.components(locked));
                resolvedBy.add(LockfileGraph.resolvedBy(ecosystem[0], ecosystem[1]));
            }
        }
        unnamed.ifPresent(problems::add);
        problems.addAll(primary.problems());
        return new DependencyGraph(primary.root(), components, primary.edges(), String.join("; ", resolvedBy), problems);
    }

    /**
     * The Maven graph resolved from the locked POMs in {@code cache}; its root carries what the
     * project's own POM says ({@code root}: supplier, licenses inherited from locked parents).
     * Without a cache, or when the POMs cannot be resolved, no component is claimed and the reason is a problem.
     */
    private static DependencyGraph maven(Path tree, ProjectLock lock, Optional<ContentCache> cache, DependencyGraph.Component root) {
        if (cache.isEmpty()) {
            return new DependencyGraph(root, List.of(), Map.of(), MAVEN_UNRESOLVED, List.of("the Maven run-time graph is not resolved:"
                    + " no dependency cache was given (--cache DIR) to read the locked POMs from"));
        }
        DependencyGraph resolved;
        try {
            resolved = MavenDependencyGraph.resolve(tree.resolve("pom.xml"), tree, lock, cache.get());
        } catch (MavenGraphException e) {
            return new DependencyGraph(root, List.of(), Map.of(), MAVEN_UNRESOLVED, List.of("the Maven run-time graph is not resolved: "
                    + e.getMessage()));
        }
        DependencyGraph.Component r = resolved.root();
        DependencyGraph.Component merged = root.purl().startsWith("pkg:generic/") ? r : new DependencyGraph.Component(r.purl(), r.group(),
                r.name(), r.version(), r.scope(), root.licenses().isEmpty() ? r.licenses() : root.licenses(), root.supplier().or(r::supplier),
                r.file());
        return new DependencyGraph(merged, resolved.components(), resolved.edges(), resolved.resolvedBy(), resolved.problems());
    }

    /** A generic artifact: {@code pkg:generic/NAME}, no version (a commit is not a version). */
    static DependencyGraph.Component generic(String name) {
        return new DependencyGraph.Component("pkg:generic/" + PurlText.segment(name), "", name, "", DependencyGraph.Scope.REQUIRED,
                List.of(), Optional.empty(), Optional.empty());
    }

    private static boolean exists(Path tree, String file) {
        return Files.isRegularFile(tree.resolve(file), LinkOption.NOFOLLOW_LINKS);
    }
}
