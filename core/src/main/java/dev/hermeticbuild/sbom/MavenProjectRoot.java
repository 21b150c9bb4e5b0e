package dev.hermeticbuild.sbom;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.lock.LockedDependency;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.model.Model;

/**
 * The artifact a Maven project makes, from its own {@code pom.xml} (read before the build runs):
 * coordinates (group and version inherited from the parent where the POM leaves them out,
 * {@code ${...}} from its properties), packaging, supplier (the POM's organization, else its
 * first developer) and licenses (its own, else its locked parents').
 */
final class MavenProjectRoot {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    private static final Map<String, String> EXTENSIONS = Map.of("bundle", "jar", "maven-plugin", "jar", "ejb", "jar");

    private MavenProjectRoot() {
    }

    static DependencyGraph.Component of(Path pom, List<LockedDependency> locked, Optional<ContentCache> cache) {
        Model m = MavenPom.project(pom);
        String group = m.getGroupId() != null ? m.getGroupId() : m.getParent() != null ? m.getParent().getGroupId() : null;
        String version = m.getVersion() != null ? m.getVersion() : m.getParent() != null ? m.getParent().getVersion() : null;
        if (group == null || m.getArtifactId() == null || version == null) {
            throw new InputException(pom + ": the project has no groupId, artifactId or version (nor a parent that gives them)");
        }
        group = interpolate(group, m, pom);
        version = interpolate(version, m, pom);
        String artifact = interpolate(m.getArtifactId(), m, pom);
        String packaging = m.getPackaging() == null ? "jar" : m.getPackaging();
        String type = EXTENSIONS.getOrDefault(packaging, packaging);
        String purl = "pkg:maven/" + PurlText.segment(group) + "/" + PurlText.segment(artifact) + "@" + PurlText.segment(version)
                + "?type=" + PurlText.segment(type);
        Optional<String> supplier = Optional.ofNullable(m.getOrganization()).map(o -> o.getName()).filter(n -> n != null && !n.isBlank())
                .or(() -> m.getDevelopers().stream().map(d -> d.getOrganization() != null && !d.getOrganization().isBlank()
                        ? d.getOrganization() : d.getName()).filter(n -> n != null && !n.isBlank()).findFirst())
                .map(String::strip);
        return new DependencyGraph.Component(purl, group, artifact, version, DependencyGraph.Scope.REQUIRED,
                MavenLicenses.ofProject(m, locked, cache), supplier, Optional.empty());
    }

    private static String interpolate(String value, Model m, Path pom) {
        Matcher matcher = PROPERTY.matcher(value);
        StringBuilder s = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = m.getProperties().getProperty(name);
            if (replacement == null) {
                throw new InputException(pom + ": '" + value + "' uses ${" + name + "}, which the POM's <properties> do not define");
            }
            matcher.appendReplacement(s, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(s);
        return s.toString();
    }
}
