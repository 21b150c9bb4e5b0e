package dev.hermeticbuild.sbom.maven;

import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.aether.collection.DependencyCollectionContext;
import org.eclipse.aether.collection.DependencySelector;
import org.eclipse.aether.graph.Dependency;

/**
 * Maven's own dependency selection (scopes, optional, exclusions), counted and depth-limited: past
 * a limit nothing more is selected and the resolution is refused, naming the artifact. Dependencies
 * whose coordinates are not a safe repository path are never selected.
 */
final class BoundedDependencySelector implements DependencySelector {

    private final DependencySelector maven;
    private final ResolutionBounds bounds;
    private final AtomicInteger selected;
    private final int depth;

    BoundedDependencySelector(DependencySelector maven, ResolutionBounds bounds) {
        this(maven, bounds, new AtomicInteger(), 0);
    }

    private BoundedDependencySelector(DependencySelector maven, ResolutionBounds bounds, AtomicInteger selected, int depth) {
        this.maven = maven;
        this.bounds = bounds;
        this.selected = selected;
        this.depth = depth;
    }

    @Override
    public boolean selectDependency(Dependency dependency) {
        if (!maven.selectDependency(dependency)) {
            return false;
        }
        if (!SafeLocalPaths.safe(dependency.getArtifact())) {
            bounds.problem("dependency '" + dependency.getArtifact() + "' does not have safe coordinates (letters, digits,"
                    + " . _ + - only, no '..'): left out");
            return false;
        }
        if (depth > bounds.limits().maxDepth()) {
            bounds.refuse(dependency.getArtifact() + " sits " + depth + " levels below the project, deeper than the limit of "
                    + bounds.limits().maxDepth() + ": refused as pathological");
            return false;
        }
        if (selected.incrementAndGet() > bounds.limits().maxDependencies()) {
            bounds.refuse("the graph has more than " + bounds.limits().maxDependencies() + " dependency nodes (reached at "
                    + dependency.getArtifact() + "): refused as pathological");
            return false;
        }
        return true;
    }

    @Override
    public DependencySelector deriveChildSelector(DependencyCollectionContext context) {
        return new BoundedDependencySelector(maven.deriveChildSelector(context), bounds, selected, depth + 1);
    }
}
