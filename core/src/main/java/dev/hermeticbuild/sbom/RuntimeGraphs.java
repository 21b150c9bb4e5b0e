package dev.hermeticbuild.sbom;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.lock.CargoLock;
import dev.hermeticbuild.lock.GoSum;
import dev.hermeticbuild.lock.LockedDependency;
import dev.hermeticbuild.lock.NpmLockfile;
import dev.hermeticbuild.lock.PipRequirements;
import dev.hermeticbuild.lock.ProjectLock;
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

    /** Until the Maven graph is resolved from the locked POMs, every locked Maven file is build-time material. */
    static final String MAVEN_UNRESOLVED = "none: the Maven run-time graph is not resolved; every locked Maven file is listed as build-time material";

    private RuntimeGraphs() {
    }

    /** The graph of the project in {@code tree}; {@code name} names a generic artifact (the project directory). */
    public static DependencyGraph of(Path tree, ProjectLock lock, Optional<ContentCache> cache, String name) {
        List<String> problems = new ArrayList<>();
        DependencyGraph primary;
        if (exists(tree, "pom.xml")) {
            DependencyGraph.Component root;
            try {
                root = MavenProjectRoot.of(tree.resolve("pom.xml"), lock.dependencies(), cache);
            } catch (InputException e) {
                problems.add("the artifact is named generically: " + e.getMessage());
                root = generic(name);
            }
            primary = new DependencyGraph(root, List.of(), Map.of(), MAVEN_UNRESOLVED, List.of());
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
        problems.addAll(0, primary.problems());
        return new DependencyGraph(primary.root(), components, primary.edges(), String.join("; ", resolvedBy), problems);
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
