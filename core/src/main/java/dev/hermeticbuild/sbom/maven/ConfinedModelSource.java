package dev.hermeticbuild.sbom.maven;

import java.io.File;
import org.apache.maven.model.building.FileModelSource;
import org.apache.maven.model.building.ModelSource2;

/**
 * A POM file whose {@code <parent><relativePath>} may only lead to another POM inside the
 * resolution's roots: Maven would otherwise read any file the path names (a locked POM with
 * {@code ../../../../home/...} as relativePath). A parent outside is looked up in the repository,
 * as Maven does when the relative path holds no matching POM.
 */
final class ConfinedModelSource extends FileModelSource {

    /** Maven's default relativePath: a project at the root of its tree has nothing there that belongs to the build. */
    private static final String DEFAULT_RELATIVE_PATH = "../pom.xml";

    private final ResolutionBounds bounds;

    ConfinedModelSource(File pom, ResolutionBounds bounds) {
        super(pom);
        this.bounds = bounds;
    }

    @Override
    public ModelSource2 getRelatedSource(String relPath) {
        File related = new File(getPomFile().getParentFile(), relPath.replace('\\', File.separatorChar));
        if (!bounds.allows(related.toPath()) || (related.isDirectory() && !bounds.allows(new File(related, "pom.xml").toPath()))) {
            if (!relPath.equals(DEFAULT_RELATIVE_PATH)) {
                bounds.problem(getPomFile() + ": parent relativePath '" + relPath + "' leads outside the project and the repository;"
                    + " not read (the parent is taken from the repository)");
            }
            return null;
        }
        ModelSource2 source = super.getRelatedSource(relPath);
        return source instanceof FileModelSource f ? new ConfinedModelSource(f.getPomFile(), bounds) : null;
    }
}
