package dev.hermeticbuild.sbom.maven;

import dev.hermeticbuild.cache.CacheUsage;
import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.cache.MavenRepositoryMaterializer;
import dev.hermeticbuild.lock.LockedDependency;
import dev.hermeticbuild.lock.MavenLockfile;
import dev.hermeticbuild.lock.ProjectLock;
import dev.hermeticbuild.sbom.DependencyGraph;
import dev.hermeticbuild.sbom.DependencyGraph.Component;
import dev.hermeticbuild.sbom.DependencyGraph.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.maven.model.Model;
import org.apache.maven.model.building.DefaultModelBuilderFactory;
import org.apache.maven.model.building.ModelBuildingRequest;
import org.apache.maven.model.building.ModelProblem;
import org.apache.maven.model.building.Result;
import org.apache.maven.repository.internal.ArtifactDescriptorReaderDelegate;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.collection.CollectResult;
import org.eclipse.aether.collection.DependencyCollectionException;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyCycle;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.graph.transformer.ConflictResolver;
import org.eclipse.aether.util.repository.SimpleArtifactDescriptorPolicy;

/**
 * A Maven project's run-time dependency graph (compile and runtime scopes; test, provided and
 * system left out), resolved by Apache Maven Resolver exactly as {@code mvn} mediates it, offline,
 * from a local view of the locked files only. The POMs are untrusted: no network, no file read
 * outside the project and the view, no code run, and pathological graphs are refused by name.
 */
public final class MavenDependencyGraph {

    /** How the graph is made, recorded in {@link DependencyGraph#resolvedBy()}. */
    public static final String RESOLVED_BY = "Apache Maven Resolver 2.0.25 with maven-resolver-provider 3.10.0"
            + " (offline, locked POMs)";

    private static final Set<String> RUNTIME_SCOPES = Set.of("compile", "runtime", "");

    /** The JVM facts profile activation ({@code <jdk>}, {@code <os>}) may see; nothing else of the runner. */
    private static final List<String> SYSTEM_PROPERTIES = List.of("java.version", "java.specification.version", "java.vendor",
            "os.name", "os.arch", "os.version", "file.separator", "path.separator", "line.separator");

    private MavenDependencyGraph() {
    }

    /** {@link #resolve(Path, Path, ProjectLock, ContentCache, MavenGraphLimits)} with {@link MavenGraphLimits#DEFAULT}. */
    public static DependencyGraph resolve(Path pom, Path projectRoot, ProjectLock lock, ContentCache cache) {
        return resolve(pom, projectRoot, lock, cache, MavenGraphLimits.DEFAULT);
    }

    /**
     * The graph of {@code pom} (inside {@code projectRoot}), from the POMs {@code lock} pins, each
     * taken from {@code cache} with its digest re-checked into a private, temporary repository
     * view. A locked POM the cache lacks is a problem of the graph; a poisoned one is refused.
     * Each component's {@code file} is its jar's entry in the cache.
     */
    public static DependencyGraph resolve(Path pom, Path projectRoot, ProjectLock lock, ContentCache cache, MavenGraphLimits limits) {
        Map<String, Path> entries = new HashMap<>();
        for (LockedDependency d : lock.of("maven")) {
            MavenLockfile.Coordinates c = MavenLockfile.coordinates(d);
            d.sha256().filter(sha -> cache.contains("sha256", sha)).ifPresent(sha -> entries.put(c.repositoryPath(),
                    cache.entry("sha256", sha)));
        }
        Path view;
        try {
            view = Files.createTempDirectory("hermetic-maven-graph-");
        } catch (IOException e) {
            throw new MavenGraphException("cannot create a repository view for " + pom + ": " + e.getMessage(), e);
        }
        try {
            // collecting reads POMs only: the view holds those, and a component's jar is its cache entry
            List<LockedDependency> poms = lock.of("maven").stream().filter(d -> MavenLockfile.coordinates(d).extension().equals("pom"))
                    .toList();
            CacheUsage usage = MavenRepositoryMaterializer.materialize(new ProjectLock(lock.lockfiles(), poms), cache, view);
            List<String> missing = usage.missing().stream().map(m -> "the lock names " + m + " but the cache " + cache.root()
                    + " lacks it (run hermetic prefetch)").toList();
            return resolve(pom, projectRoot, view, limits, path -> Optional.ofNullable(entries.get(path)), missing);
        } finally {
            dev.hermeticbuild.FileTrees.deleteQuietly(view);
        }
    }

    /**
     * The graph of {@code pom} (inside {@code projectRoot}) from {@code repository}, a Maven
     * local-repository layout that holds only verified files; each component's {@code file} is its jar there.
     */
    public static DependencyGraph resolveFromRepository(Path pom, Path projectRoot, Path repository, MavenGraphLimits limits) {
        Path repo = repository.toAbsolutePath().normalize();
        return resolve(pom, projectRoot, repo, limits, path -> Optional.of(repo.resolve(path))
                .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)), List.of());
    }

    private static DependencyGraph resolve(Path pom, Path projectRoot, Path repository, MavenGraphLimits limits,
                                           Function<String, Optional<Path>> files, List<String> earlierProblems) {
        Path root;
        Path pomFile;
        Path repo;
        try {
            root = projectRoot.toRealPath();
            pomFile = pom.toRealPath();
            repo = repository.toRealPath();
        } catch (IOException e) {
            throw new MavenGraphException("cannot resolve the dependency graph of " + pom + ": " + e.getMessage(), e);
        }
        if (!pomFile.startsWith(root) || !Files.isRegularFile(pomFile)) {
            throw new MavenGraphException(pom + " is not a POM file inside the project " + projectRoot);
        }
        ResolutionBounds bounds = new ResolutionBounds(List.of(root, repo), limits);
        Model raw = rawModel(pomFile);
        String group = raw.getGroupId() != null ? raw.getGroupId() : raw.getParent() == null ? null : raw.getParent().getGroupId();
        String version = raw.getVersion() != null ? raw.getVersion() : raw.getParent() == null ? null : raw.getParent().getVersion();
        if (group == null || version == null || raw.getArtifactId() == null) {
            throw new MavenGraphException(pom + " does not name its groupId, artifactId and version (nor inherit them from a parent)");
        }
        EffectivePoms poms = new EffectivePoms();
        CollectResult result = collect(pomFile, new DefaultArtifact(group, raw.getArtifactId(), "", "pom", version), repo, bounds, poms);
        bounds.refusal().ifPresent(reason -> {
            throw new MavenGraphException(pom + ": " + reason);
        });
        List<String> problems = new ArrayList<>(earlierProblems);
        for (Exception e : result.getExceptions()) {
            problems.add(DescriptorProblems.firstLine(e));
        }
        for (DependencyCycle cycle : result.getCycles()) {
            problems.add("dependency cycle: " + cycle(cycle) + " (Maven cuts it where it closes: that edge is not in the graph)");
        }
        problems.addAll(bounds.problems());
        return graph(result.getRoot(), poms, files, problems);
    }

    private static Model rawModel(Path pomFile) {
        Result<? extends Model> raw = new DefaultModelBuilderFactory().newInstance()
                .buildRawModel(pomFile.toFile(), ModelBuildingRequest.VALIDATION_LEVEL_MINIMAL, false);
        if (raw.hasErrors() || raw.get() == null) {
            String why = java.util.stream.StreamSupport.stream(raw.getProblems().spliterator(), false).filter(p -> p.getSeverity() != ModelProblem.Severity.WARNING)
                    .map(ModelProblem::getMessage).findFirst().orElse("unreadable");
            throw new MavenGraphException(pomFile + " is not a valid POM: " + why);
        }
        return raw.get();
    }

    private static CollectResult collect(Path pomFile, Artifact project, Path repository, ResolutionBounds bounds, EffectivePoms poms) {
        AtomicReference<CollectResult> out = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(null, () -> {
            try {
                out.set(collectHere(pomFile, project, repository, bounds, poms));
            } catch (StackOverflowError e) {
                bounds.refuse("its POMs nest (parents, imports or dependencies) deeper than a " + (bounds.limits().stackBytes() >> 20)
                        + " MiB stack holds: refused as pathological");
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "maven-graph " + project, bounds.limits().stackBytes());
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MavenGraphException("interrupted while resolving the dependency graph of " + pomFile, e);
        }
        bounds.refusal().ifPresent(reason -> {
            throw new MavenGraphException(pomFile + ": " + reason);
        });
        if (failure.get() != null) {
            throw new MavenGraphException("cannot resolve the dependency graph of " + pomFile + ": " + failure.get(), failure.get());
        }
        return out.get();
    }

    private static CollectResult collectHere(Path pomFile, Artifact project, Path repository, ResolutionBounds bounds,
                                             EffectivePoms poms) {
        RepositorySystem system = new OfflineRepositorySystem(bounds).get();
        try {
            SessionBuilderSupplier maven = new SessionBuilderSupplier(system);
            Map<String, String> jvm = new LinkedHashMap<>();
            for (String key : SYSTEM_PROPERTIES) {
                Optional.ofNullable(System.getProperty(key)).ifPresent(v -> jvm.put(key, v));
            }
            RepositorySystemSession.SessionBuilder builder = maven.get()
                    .withLocalRepositories(new LocalRepository(repository, "simple"))
                    .setOffline(true)
                    .setIgnoreArtifactDescriptorRepositories(true)
                    // as mvn: a missing or invalid POM leaves its artifact without dependencies (named in problems here)
                    .setArtifactDescriptorPolicy(new SimpleArtifactDescriptorPolicy(true, true))
                    .setSystemProperties(jvm)
                    .setUserProperties(Map.of())
                    .setConfigProperty(ConflictResolver.CONFIG_PROP_VERBOSE, ConflictResolver.Verbosity.STANDARD)
                    .setConfigProperty(ArtifactDescriptorReaderDelegate.class.getName(), poms)
                    .setRepositoryListener(new DescriptorProblems(bounds))
                    .setWorkspaceReader(new ProjectWorkspace(project.getGroupId(), project.getArtifactId(), project.getVersion(),
                            pomFile.toFile()))
                    .setDependencySelector(new BoundedDependencySelector(maven.getDependencySelector(), bounds));
            try (RepositorySystemSession.CloseableSession session = builder.build()) {
                CollectRequest request = new CollectRequest();
                request.setRoot(new Dependency(new DefaultArtifact(project.getGroupId(), project.getArtifactId(), "", "jar",
                        project.getVersion()), ""));
                request.setRepositories(List.of());
                try {
                    return system.collectDependencies(session, request);
                } catch (DependencyCollectionException e) {
                    return e.getResult();
                }
            }
        } finally {
            system.shutdown();
        }
    }

    /** Walks the mediated graph: each losing occurrence stands for its winner, and only run-time scopes are kept. */
    private static DependencyGraph graph(DependencyNode rootNode, EffectivePoms poms, Function<String, Optional<Path>> files,
                                         List<String> problems) {
        Artifact rootArtifact = rootNode.getArtifact();
        Optional<EffectivePoms.Pom> rootPom = poms.of(rootArtifact);
        if (rootPom.isEmpty()) {
            throw new MavenGraphException("the project POM of " + rootArtifact + " could not be built: "
                    + String.join("; ", problems));
        }
        String packaging = rootPom.get().packaging();
        String rootPurl = MavenPurl.of(rootArtifact.getGroupId(), rootArtifact.getArtifactId(), rootArtifact.getVersion(),
                packaging, "");
        Map<String, Artifact> artifacts = new LinkedHashMap<>();
        Map<String, Set<String>> edges = new LinkedHashMap<>();
        Map<String, Boolean> optional = new HashMap<>();
        Set<DependencyNode> expanded = new HashSet<>();
        Deque<Map.Entry<String, DependencyNode>> todo = new ArrayDeque<>();
        todo.add(Map.entry(rootPurl, rootNode));
        edges.put(rootPurl, new LinkedHashSet<>());
        while (!todo.isEmpty()) {
            var next = todo.poll();
            if (!expanded.add(next.getValue())) {
                continue;
            }
            for (DependencyNode child : next.getValue().getChildren()) {
                DependencyNode winner = child.getData().get(ConflictResolver.NODE_DATA_WINNER) instanceof DependencyNode w ? w : child;
                Dependency dep = winner.getDependency();
                if (dep == null || !RUNTIME_SCOPES.contains(dep.getScope())) {
                    continue;
                }
                Artifact a = winner.getArtifact();
                String purl = purl(a);
                if (purl.equals(rootPurl)) {
                    edges.get(next.getKey()).add(purl);
                    continue;
                }
                artifacts.putIfAbsent(purl, a);
                optional.put(purl, dep.isOptional());
                edges.get(next.getKey()).add(purl);
                edges.computeIfAbsent(purl, k -> new LinkedHashSet<>());
                todo.add(Map.entry(purl, winner));
            }
        }
        Set<String> required = required(rootPurl, edges, optional);
        List<Component> components = new ArrayList<>();
        for (var e : artifacts.entrySet()) {
            Artifact a = e.getValue();
            Optional<EffectivePoms.Pom> pom = poms.of(a);
            Optional<Path> file = files.apply(repositoryPath(a));
            if (file.isEmpty()) {
                problems.add(a + " is a run-time dependency but the lock pins no " + a.getExtension() + " for it in the cache");
            }
            components.add(new Component(e.getKey(), a.getGroupId(), a.getArtifactId(), a.getVersion(),
                    required.contains(e.getKey()) ? Scope.REQUIRED : Scope.OPTIONAL,
                    pom.map(EffectivePoms.Pom::licenses).orElse(List.of()), pom.flatMap(EffectivePoms.Pom::organization), file));
        }
        components.sort(Comparator.comparing(Component::purl));
        Map<String, List<String>> edgeLists = edges.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stream().sorted().toList()));
        Component root = new Component(rootPurl, rootArtifact.getGroupId(), rootArtifact.getArtifactId(), rootArtifact.getVersion(),
                Scope.REQUIRED, rootPom.get().licenses(), rootPom.get().organization(), Optional.empty());
        return new DependencyGraph(root, components, edgeLists, RESOLVED_BY, problems);
    }

    /** The components reachable from the root through non-optional dependencies; the rest are there only when asked for. */
    private static Set<String> required(String root, Map<String, Set<String>> edges, Map<String, Boolean> optional) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            String p = todo.poll();
            if (seen.add(p)) {
                edges.getOrDefault(p, Set.of()).stream().filter(c -> !optional.getOrDefault(c, false)).forEach(todo::add);
            }
        }
        return seen;
    }

    private static String purl(Artifact a) {
        return MavenPurl.of(a.getGroupId(), a.getArtifactId(), a.getVersion(), a.getExtension(), a.getClassifier());
    }

    private static String repositoryPath(Artifact a) {
        return a.getGroupId().replace('.', '/') + "/" + a.getArtifactId() + "/" + a.getBaseVersion() + "/" + a.getArtifactId() + "-"
                + a.getVersion() + (a.getClassifier().isEmpty() ? "" : "-" + a.getClassifier()) + "." + a.getExtension();
    }

    private static String cycle(DependencyCycle cycle) {
        List<String> ids = new ArrayList<>();
        cycle.getPrecedingDependencies().forEach(d -> ids.add(ga(d.getArtifact())));
        cycle.getCyclicDependencies().forEach(d -> ids.add(ga(d.getArtifact())));
        return String.join(" -> ", ids);
    }

    private static String ga(Artifact a) {
        return a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getVersion();
    }

}
