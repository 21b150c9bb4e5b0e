package dev.hermeticbuild.sbom.maven;

import java.io.File;
import java.util.List;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.repository.WorkspaceReader;
import org.eclipse.aether.repository.WorkspaceRepository;

/** The project's own POM, offered to the resolver as Maven's reactor offers it: the one artifact not in the repository. */
final class ProjectWorkspace implements WorkspaceReader {

    private final String group;
    private final String artifact;
    private final String version;
    private final File pom;
    private final WorkspaceRepository repository = new WorkspaceRepository("project");

    ProjectWorkspace(String group, String artifact, String version, File pom) {
        this.group = group;
        this.artifact = artifact;
        this.version = version;
        this.pom = pom;
    }

    @Override
    public WorkspaceRepository getRepository() {
        return repository;
    }

    @Override
    public File findArtifact(Artifact a) {
        return matches(a) && a.getExtension().equals("pom") && a.getClassifier().isEmpty() && version.equals(a.getBaseVersion())
                ? pom : null;
    }

    @Override
    public List<String> findVersions(Artifact a) {
        return matches(a) ? List.of(version) : List.of();
    }

    private boolean matches(Artifact a) {
        return group.equals(a.getGroupId()) && artifact.equals(a.getArtifactId());
    }
}
