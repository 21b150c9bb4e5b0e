package dev.hermeticbuild.sbom.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.model.License;
import org.apache.maven.model.Model;
import org.apache.maven.repository.internal.ArtifactDescriptorReaderDelegate;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.resolution.ArtifactDescriptorResult;

/**
 * Keeps what the SBOM needs from each effective POM the resolver builds (parents and profiles
 * applied): packaging, licenses, organization. Maven's own result population runs unchanged.
 */
final class EffectivePoms extends ArtifactDescriptorReaderDelegate {

    /** What one effective POM declares. */
    record Pom(String packaging, List<String> licenses, Optional<String> organization) {
    }

    private final Map<String, Pom> poms = new ConcurrentHashMap<>();

    static String key(Artifact a) {
        return a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getBaseVersion();
    }

    @Override
    public void populateResult(RepositorySystemSession session, ArtifactDescriptorResult result, Model model) {
        super.populateResult(session, result, model);
        List<String> licenses = new ArrayList<>();
        for (License l : model.getLicenses()) {
            String name = l.getName() != null && !l.getName().isBlank() ? l.getName() : l.getUrl();
            if (name != null && !name.isBlank()) {
                licenses.add(name.strip().replaceAll("\\s+", " "));
            }
        }
        Optional<String> org = Optional.ofNullable(model.getOrganization()).map(o -> o.getName())
                .filter(n -> !n.isBlank()).map(String::strip);
        poms.put(key(result.getArtifact()), new Pom(model.getPackaging(), licenses, org));
    }

    Optional<Pom> of(Artifact a) {
        return Optional.ofNullable(poms.get(key(a)));
    }
}
