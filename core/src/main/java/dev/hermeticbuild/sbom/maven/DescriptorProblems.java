package dev.hermeticbuild.sbom.maven;

import org.eclipse.aether.AbstractRepositoryListener;
import org.eclipse.aether.RepositoryEvent;

/**
 * Turns the POMs Maven skips (as {@code mvn} does, with a warning) into named problems: a POM the
 * repository view lacks, or one that does not parse. The dependency stays in the graph, without
 * what its POM would have pulled in.
 */
final class DescriptorProblems extends AbstractRepositoryListener {

    private final ResolutionBounds bounds;

    DescriptorProblems(ResolutionBounds bounds) {
        this.bounds = bounds;
    }

    @Override
    public void artifactDescriptorMissing(RepositoryEvent event) {
        bounds.problem("the POM of " + event.getArtifact() + " is not in the locked cache (the lock does not name it, or the"
                + " cache lacks it): its own dependencies are unknown");
    }

    @Override
    public void artifactDescriptorInvalid(RepositoryEvent event) {
        bounds.problem("the POM of " + event.getArtifact() + " is invalid: " + firstLine(event.getException())
                + "; its own dependencies are unknown");
    }

    static String firstLine(Throwable e) {
        if (e == null || e.getMessage() == null) {
            return e == null ? "unknown error" : e.getClass().getSimpleName();
        }
        String m = e.getMessage().strip();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
