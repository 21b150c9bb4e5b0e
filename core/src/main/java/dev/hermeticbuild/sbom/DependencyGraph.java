package dev.hermeticbuild.sbom;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an artifact ships or needs at run time, as its package manager resolves it: the root (the
 * artifact itself), the components it pulls in, and who pulls in whom. Made by a resolver of one
 * ecosystem (Maven Resolver over the locked POMs, an npm lockfile, ...) and rendered by the SBOM.
 *
 * @param root the artifact the build makes (its purl, coordinates and, where declared, supplier and licenses)
 * @param components every run-time component, each once, without the root
 * @param edges purl to the purls it depends on directly (the root included as a key); every purl is the root's or a component's
 * @param resolvedBy how the graph was made, e.g. {@code Apache Maven Resolver 2.0.25 (offline, locked POMs)} or {@code npm lockfile v3}
 * @param problems what could not be resolved, each naming the input (a POM the cache lacks, a cycle): never dropped silently
 */
public record DependencyGraph(Component root, List<Component> components, Map<String, List<String>> edges,
                              String resolvedBy, List<String> problems) {

    public DependencyGraph {
        Objects.requireNonNull(root, "root");
        components = List.copyOf(components);
        edges = Map.copyOf(edges);
        problems = List.copyOf(problems);
    }

    /** Whether a run-time component is needed ({@code required}) or only present when asked for ({@code optional}). */
    public enum Scope { REQUIRED, OPTIONAL }

    /**
     * One package of the graph.
     *
     * @param purl the package URL, also its reference in {@code edges}
     * @param group the Maven group id or npm scope (empty when the ecosystem has none)
     * @param name the artifact or package name
     * @param version the resolved version
     * @param scope required or optional at run time
     * @param licenses the licenses as declared (names, SPDX ids or URLs), in declaration order
     * @param supplier the organisation the package declares (POM {@code organization}, package.json {@code author}), when it declares one
     * @param file the bytes of the package in the verified cache, when held (for hashes)
     */
    public record Component(String purl, String group, String name, String version, Scope scope, List<String> licenses,
                            Optional<String> supplier, Optional<Path> file) {

        public Component {
            Objects.requireNonNull(purl, "purl");
            licenses = List.copyOf(licenses);
        }
    }
}
