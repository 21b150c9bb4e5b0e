package dev.hermeticbuild.sbom.maven;

import java.util.regex.Pattern;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.internal.impl.DefaultLocalPathComposer;
import org.eclipse.aether.internal.impl.LocalPathComposer;
import org.eclipse.aether.metadata.Metadata;

/**
 * Maven's repository layout, refusing coordinates that would name a path outside the repository
 * ({@code ..}, slashes, absolute paths in a group, artifact, version or classifier a POM wrote).
 * A refused artifact is looked for at a path that never exists, so it is reported as missing.
 */
final class SafeLocalPaths implements LocalPathComposer {

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]*");
    static final String REFUSED = "hermetic-refused-coordinates/none";

    private final LocalPathComposer layout = new DefaultLocalPathComposer();
    private final ResolutionBounds bounds;

    SafeLocalPaths(ResolutionBounds bounds) {
        this.bounds = bounds;
    }

    static boolean safe(Artifact a) {
        return part(a.getGroupId()) && part(a.getArtifactId()) && part(a.getVersion()) && part(a.getExtension())
                && (a.getClassifier().isEmpty() || part(a.getClassifier()));
    }

    private static boolean part(String s) {
        return s != null && PART.matcher(s).matches() && !s.contains("..");
    }

    @Override
    public String getPathForArtifact(Artifact artifact, boolean local) {
        if (!safe(artifact)) {
            bounds.problem("'" + artifact + "' is not a safe repository path (only letters, digits, . _ + - and no '..'):"
                    + " not read");
            return REFUSED;
        }
        return layout.getPathForArtifact(artifact, local);
    }

    @Override
    public String getPathForMetadata(Metadata metadata, String repositoryKey) {
        boolean ok = (metadata.getGroupId().isEmpty() || part(metadata.getGroupId()))
                && (metadata.getArtifactId().isEmpty() || part(metadata.getArtifactId()))
                && (metadata.getVersion().isEmpty() || part(metadata.getVersion())) && part(repositoryKey);
        if (!ok) {
            bounds.problem("metadata '" + metadata + "' is not a safe repository path: not read");
            return REFUSED;
        }
        return layout.getPathForMetadata(metadata, repositoryKey);
    }
}
