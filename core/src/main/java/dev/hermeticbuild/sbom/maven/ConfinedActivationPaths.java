package dev.hermeticbuild.sbom.maven;

import java.nio.file.Path;
import org.apache.maven.model.path.ProfileActivationFilePathInterpolator;
import org.apache.maven.model.profile.ProfileActivationContext;
import org.codehaus.plexus.interpolation.InterpolationException;

/**
 * The paths of {@code <activation><file>} profiles, confined to the resolution's roots: a POM may
 * not learn whether a host file exists. A path outside is answered with a relative path, which
 * Maven's file activator treats as inactive for both {@code exists} and {@code missing}; recorded.
 */
final class ConfinedActivationPaths extends ProfileActivationFilePathInterpolator {

    private final ResolutionBounds bounds;

    ConfinedActivationPaths(ResolutionBounds bounds) {
        this.bounds = bounds;
    }

    @Override
    public String interpolate(String path, ProfileActivationContext context) throws InterpolationException {
        String resolved = super.interpolate(path, context);
        if (resolved == null || !Path.of(resolved).isAbsolute() || bounds.allows(Path.of(resolved))) {
            return resolved;
        }
        bounds.problem("a profile activated by file '" + path + "' tests " + resolved + ", outside the project and the"
                + " repository: the profile is treated as inactive");
        return "outside-the-project";
    }
}
