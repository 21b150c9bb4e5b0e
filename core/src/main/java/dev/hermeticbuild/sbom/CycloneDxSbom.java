package dev.hermeticbuild.sbom;

import dev.hermeticbuild.BuildInfo;
import dev.hermeticbuild.artifacts.Artifact;
import dev.hermeticbuild.cache.CacheKey;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.image.ImageOutput;
import dev.hermeticbuild.lock.LockedDependency;
import dev.hermeticbuild.provenance.Toolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.ExternalReference;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.OrganizationalEntity;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.formulation.Formula;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * A CycloneDX 1.6 JSON SBOM of what an artifact ships: {@code metadata.component} is the
 * artifact itself, {@code components} its run-time dependency graph (scope, purl, hashes, SPDX
 * licenses) with {@code dependencies}, and everything else the build used (plugins, parent POMs,
 * test and dev packages, toolchains, the agent image) under {@code formulation}, scoped
 * {@code excluded}, so nothing observed is lost and no scanner mistakes it for shipped code.
 * Deterministic (timestamp from SOURCE_DATE_EPOCH, serial number from the content) and validated
 * against the CycloneDX 1.6 schema before anyone sees it.
 */
public final class CycloneDxSbom {

    /**
     * How complete the SBOM is. Counts are of run-time components unless named otherwise.
     *
     * @param components run-time components
     * @param withPurl run-time components with a purl
     * @param withHashes run-time components with hashes
     * @param withLicenses run-time components with at least one license (SPDX or a name)
     * @param buildTime build-time components (formulation): locked inputs not shipped, toolchains, the image
     * @param withSpdxLicenses run-time components whose every license is an SPDX id or expression
     * @param unresolvedLicenses license names no SPDX id matches, each with how many components (run-time or build-time) declare it
     * @param problems what could not be resolved or checked, each naming its input
     */
    public record Completeness(int components, int withPurl, int withHashes, int withLicenses, int buildTime,
                               int withSpdxLicenses, Map<String, Integer> unresolvedLicenses, List<String> problems) {

        public Completeness {
            unresolvedLicenses = java.util.Collections.unmodifiableMap(new TreeMap<>(unresolvedLicenses));
            problems = List.copyOf(problems);
        }

        /** The counts as the CLI and demo print them: runtime / build-time / licensed, then what is missing. */
        public String summary() {
            StringBuilder s = new StringBuilder().append(components).append(" runtime / ").append(buildTime).append(" build-time / ")
                    .append(withLicenses).append(" licensed (").append(withSpdxLicenses).append(" SPDX); ")
                    .append(withPurl).append(" with purl, ").append(withHashes).append(" with hashes");
            if (!unresolvedLicenses.isEmpty()) {
                s.append("; ").append(unresolvedLicenses.size()).append(" unresolved license name(s): ");
                List<String> named = new ArrayList<>();
                unresolvedLicenses.forEach((name, n) -> named.add("'" + name + "' (" + n + ")"));
                s.append(String.join(", ", named.size() > 5 ? named.subList(0, 5) : named));
                if (named.size() > 5) {
                    s.append(" and ").append(named.size() - 5).append(" more");
                }
            }
            if (!problems.isEmpty()) {
                s.append("; ").append(problems.size()).append(" problem(s), first: ").append(problems.get(0));
            }
            return s.toString();
        }
    }

    /** The SBOM bytes and its completeness. */
    public record Document(byte[] json, Completeness completeness) {
    }

    static final String PROPERTY_PREFIX = "hermetic:";

    private CycloneDxSbom() {
    }

    /**
     * The SBOM of one build.
     *
     * @param outputs the files the build produced; the one that is the artifact gives {@code metadata.component} its hashes
     * @param runtime the artifact's run-time graph (its root is the artifact)
     * @param locked every locked input; those not in the run-time graph are the build-time material
     * @param toolchains the toolchains the build ran with
     */
    public static Document create(List<Artifact> outputs, DependencyGraph runtime, List<LockedDependency> locked,
                                  List<Toolchain> toolchains, SbomContext context) {
        return create(outputs, List.of(), runtime, locked, toolchains, context);
    }

    /**
     * As {@link #create(List, DependencyGraph, List, List, SbomContext)}, with the outputs that are
     * images listed as containers (by manifest digest) holding their layers (digest, media type).
     */
    public static Document create(List<Artifact> outputs, List<ImageOutput> images, DependencyGraph runtime, List<LockedDependency> locked,
                                  List<Toolchain> toolchains, SbomContext context) {
        return new Rendering(runtime, locked, context).render(outputs, images, toolchains);
    }

    /** One rendering: the state that the parts of the document share (what is counted, what went wrong). */
    private static final class Rendering {
        private final DependencyGraph graph;
        private final SbomContext context;
        private final Map<String, LockedDependency> lockedByKey = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();
        private final Map<String, Integer> unresolved = new HashMap<>();
        private final List<String> cycles = new ArrayList<>();

        Rendering(DependencyGraph graph, List<LockedDependency> locked, SbomContext context) {
            this.graph = graph;
            this.context = context;
            for (LockedDependency d : locked) {
                lockedByKey.putIfAbsent(PurlKey.of(d.purl()), d);
            }
            problems.addAll(graph.problems());
        }

        Document render(List<Artifact> outputs, List<ImageOutput> images, List<Toolchain> toolchains) {
            Bom bom = new Bom();
            Metadata metadata = new Metadata();
            metadata.setTimestamp(new Date(context.sourceDateEpoch() * 1000));
            ToolInformation tools = new ToolInformation();
            Component hermetic = new Component();
            hermetic.setType(Component.Type.APPLICATION);
            hermetic.setName("hermetic-build");
            hermetic.setVersion(BuildInfo.version());
            tools.setComponents(List.of(hermetic));
            metadata.setToolChoice(tools);

            Set<String> runtimeKeys = new LinkedHashSet<>();
            runtimeKeys.add(PurlKey.of(graph.root().purl()));
            List<Component> components = new ArrayList<>();
            int withPurl = 0;
            int withHashes = 0;
            int withLicenses = 0;
            int withSpdx = 0;
            for (DependencyGraph.Component c : graph.components()) {
                String key = PurlKey.of(c.purl());
                if (!runtimeKeys.add(key)) {
                    problems.add("the run-time graph lists " + c.purl() + " twice; it is shown once");
                    continue;
                }
                LockedDependency lockEntry = lockedByKey.get(key);
                Component out = new Component();
                out.setType(Component.Type.LIBRARY);
                out.setBomRef(c.purl());
                if (c.group() != null && !c.group().isEmpty()) {
                    out.setGroup(c.group());
                }
                out.setName(c.name());
                out.setVersion(c.version());
                out.setScope(c.scope() == DependencyGraph.Scope.OPTIONAL ? Component.Scope.OPTIONAL : Component.Scope.REQUIRED);
                out.setPurl(c.purl());
                c.supplier().ifPresent(s -> out.setSupplier(organization(s)));
                Map<String, String> hashes = hashes(c.purl(), c.file(), Optional.ofNullable(lockEntry));
                if (!hashes.isEmpty()) {
                    out.setHashes(toHashes(hashes));
                    withHashes++;
                }
                Licensed licensed = licenses(out, c.licenses());
                withLicenses += licensed.any() ? 1 : 0;
                withSpdx += licensed.allSpdx() ? 1 : 0;
                withPurl++;
                components.add(out);
            }
            bom.setComponents(components);
            bom.setDependencies(dependencies(runtimeRefs(components)));

            List<Component> buildTime = buildTime(runtimeKeys, toolchains);
            Formula formula = new Formula();
            formula.setBomRef("formulation:build");
            formula.setComponents(buildTime);
            formula.setProperties(List.of(new Property(PROPERTY_PREFIX + "formulation",
                    "what the build used but the artifact does not ship: locked inputs outside the run-time graph"
                            + " (build plugins and their dependencies, parent POMs, test and dev packages), toolchains, the agent image")));
            bom.setFormulation(List.of(formula));

            metadata.setComponent(artifact(outputs, images));
            List<Property> properties = new ArrayList<>();
            properties.add(new Property(PROPERTY_PREFIX + "runtime.resolvedBy", graph.resolvedBy()));
            context.commit().ifPresent(c -> properties.add(new Property(PROPERTY_PREFIX + "source.commit", c)));
            context.repository().ifPresent(r -> properties.add(new Property(PROPERTY_PREFIX + "source.repository", r)));
            new TreeMap<>(unresolved).forEach((name, n) -> properties.add(
                    new Property(PROPERTY_PREFIX + "license.unresolved", name + " (" + n + " component" + (n == 1 ? "" : "s") + ")")));
            for (String cycle : cycles) {
                properties.add(new Property(PROPERTY_PREFIX + "dependency.cycle", cycle));
            }
            for (String problem : problems) {
                properties.add(new Property(PROPERTY_PREFIX + "problem", problem));
            }
            metadata.setProperties(properties);
            bom.setMetadata(metadata);

            byte[] unserialised = json(bom);
            bom.setSerialNumber("urn:uuid:" + UUID.nameUUIDFromBytes(Sha256.ofBytes(unserialised).getBytes(StandardCharsets.US_ASCII)));
            byte[] json = json(bom);
            validate(json);
            return new Document(json, new Completeness(components.size(), withPurl, withHashes, withLicenses, buildTime.size(),
                    withSpdx, unresolved, problems));
        }

        private Set<String> runtimeRefs(List<Component> components) {
            Set<String> refs = new LinkedHashSet<>();
            refs.add(graph.root().purl());
            components.forEach(c -> refs.add(c.getBomRef()));
            return refs;
        }

        /** The {@code dependencies} graph: one entry per node the graph knows the edges of, edges to known components only. */
        private List<Dependency> dependencies(Set<String> refs) {
            List<Dependency> result = new ArrayList<>();
            for (var e : new TreeMap<>(graph.edges()).entrySet()) {
                if (!refs.contains(e.getKey())) {
                    problems.add("the run-time graph gives edges of " + e.getKey() + ", which is not one of its components; left out");
                    continue;
                }
                Dependency d = new Dependency(e.getKey());
                List<Dependency> on = new ArrayList<>();
                for (String target : new java.util.TreeSet<>(e.getValue())) {
                    if (refs.contains(target)) {
                        on.add(new Dependency(target));
                    } else {
                        problems.add("the run-time graph says " + e.getKey() + " depends on " + target
                                + ", which is not one of its components; the edge is left out");
                    }
                }
                d.setDependencies(on);
                result.add(d);
            }
            GraphCycles.of(graph.edges()).forEach(cycle -> cycles.add(String.join(" -> ", cycle)));
            return result;
        }

        /** Locked inputs outside the run-time graph, then toolchains and the image: all scoped {@code excluded}. */
        private List<Component> buildTime(Set<String> runtimeKeys, List<Toolchain> toolchains) {
            List<Component> result = new ArrayList<>();
            for (var e : lockedByKey.entrySet()) {
                if (runtimeKeys.contains(e.getKey())) {
                    continue;
                }
                LockedDependency d = e.getValue();
                Component c = new Component();
                c.setType(Component.Type.LIBRARY);
                c.setBomRef(d.purl());
                String[] groupName = groupAndName(d);
                if (!groupName[0].isEmpty()) {
                    c.setGroup(groupName[0]);
                }
                c.setName(groupName[1]);
                c.setVersion(d.version());
                c.setScope(Component.Scope.EXCLUDED);
                c.setPurl(d.purl());
                Map<String, String> hashes = hashes(d.purl(), Optional.empty(), Optional.of(d));
                if (!hashes.isEmpty()) {
                    c.setHashes(toHashes(hashes));
                }
                licenses(c, d.licenses());
                c.setProperties(List.of(new Property(PROPERTY_PREFIX + "lockfile", d.lockfile() + ":" + d.line())));
                result.add(c);
            }
            for (Toolchain t : toolchains) {
                Component c = new Component();
                c.setType(Component.Type.PLATFORM);
                c.setBomRef("toolchain:" + t.kind() + ":" + t.path());
                c.setName(t.kind());
                c.setVersion(t.version());
                c.setScope(Component.Scope.EXCLUDED);
                c.setPurl("pkg:generic/" + PurlText.segment(t.kind()) + "@" + PurlText.segment(t.version()));
                Map<String, String> digest = FileHashes.fromLock(t.digest());
                if (!digest.isEmpty()) {
                    c.setHashes(toHashes(digest));
                }
                c.setProperties(List.of(new Property(PROPERTY_PREFIX + "toolchain.path", t.path()),
                        new Property(PROPERTY_PREFIX + "toolchain.digest", "the digest is over the installation's files (dirHash-style)")));
                result.add(c);
            }
            context.image().ifPresent(image -> result.add(image(image)));
            return result;
        }

        private Component image(String image) {
            int at = image.indexOf("@sha256:");
            String digest = at >= 0 ? image.substring(at + 8) : image.startsWith("sha256:") ? image.substring(7) : "";
            Component c = new Component();
            c.setType(Component.Type.CONTAINER);
            c.setBomRef("agent-image");
            c.setScope(Component.Scope.EXCLUDED);
            String repository = at >= 0 ? image.substring(0, at) : "";
            String name = repository.isEmpty() ? "agent-image" : repository.substring(repository.lastIndexOf('/') + 1).split(":")[0];
            c.setName(name);
            if (digest.matches("[0-9a-f]{64}")) {
                c.setVersion("sha256:" + digest);
                c.setHashes(List.of(new Hash("SHA-256", digest)));
                c.setPurl("pkg:oci/" + PurlText.segment(name.toLowerCase(java.util.Locale.ROOT)) + "@sha256%3A" + digest
                        + (repository.isEmpty() ? "" : "?repository_url=" + PurlText.segment(repository.split("@")[0])));
            } else {
                problems.add("agent image " + image + " has no sha256 digest; it is named without one");
            }
            c.setProperties(List.of(new Property(PROPERTY_PREFIX + "image", image)));
            return c;
        }

        /** {@code metadata.component}: the artifact, with the hashes of the output that is it and the other outputs inside it. */
        private Component artifact(List<Artifact> outputs, List<ImageOutput> images) {
            DependencyGraph.Component root = graph.root();
            Component c = new Component();
            String type = PurlKey.type(root.purl());
            String packaging = PurlKey.qualifier(root.purl(), "type", "jar");
            c.setType(type.equals("maven") && List.of("jar", "bundle", "pom", "maven-plugin").contains(packaging) || type.equals("npm")
                    ? Component.Type.LIBRARY : Component.Type.APPLICATION);
            c.setBomRef(root.purl());
            if (root.group() != null && !root.group().isEmpty()) {
                c.setGroup(root.group());
            }
            c.setName(root.name());
            if (root.version() != null && !root.version().isEmpty()) {
                c.setVersion(root.version());
            }
            c.setPurl(root.purl());
            if (root.supplier().isPresent()) {
                c.setSupplier(organization(root.supplier().get()));
            } else {
                problems.add("the artifact " + root.purl() + " declares no supplier (POM <organization>, package.json author)");
            }
            licenses(c, root.licenses());
            Optional<Artifact> self = self(outputs);
            List<Component> others = new ArrayList<>();
            for (Artifact a : outputs) {
                Map<String, String> hashes = outputHashes(a);
                if (self.isPresent() && self.get() == a) {
                    c.setHashes(toHashes(hashes));
                    continue;
                }
                Component file = new Component();
                file.setType(Component.Type.FILE);
                file.setName(a.path());
                file.setBomRef("output:" + a.path());
                file.setHashes(toHashes(hashes));
                others.add(file);
            }
            Map<String, String> outputsByDigest = new java.util.HashMap<>();
            outputs.forEach(a -> outputsByDigest.putIfAbsent(a.sha256(), a.path()));
            others.addAll(ImageComponents.of(images, outputsByDigest));
            List<Property> properties = new ArrayList<>();
            self.ifPresent(a -> properties.add(new Property(PROPERTY_PREFIX + "output", a.path())));
            if (!others.isEmpty()) {
                c.setComponents(others);
            }
            if (context.commit().isPresent()) {
                properties.add(new Property(PROPERTY_PREFIX + "source.commit", context.commit().get()));
                if (context.repository().isPresent()) {
                    ExternalReference vcs = new ExternalReference();
                    vcs.setType(ExternalReference.Type.VCS);
                    vcs.setUrl(context.repository().get());
                    vcs.setComment("built from commit " + context.commit().get());
                    c.setExternalReferences(List.of(vcs));
                }
            }
            if (!properties.isEmpty()) {
                c.setProperties(properties);
            }
            return c;
        }

        /** The output that is the artifact: its file name is the one its package manager gives it, or it is the only output of a generic project. */
        private Optional<Artifact> self(List<Artifact> outputs) {
            DependencyGraph.Component root = graph.root();
            String type = PurlKey.type(root.purl());
            String expected = switch (type) {
                case "maven" -> root.name() + "-" + root.version() + "." + PurlKey.qualifier(root.purl(), "type", "jar");
                case "npm" -> (root.group() == null || root.group().isEmpty() ? "" : root.group().replace("@", "") + "-")
                        + root.name() + "-" + root.version() + ".tgz";
                default -> "";
            };
            if (expected.isEmpty()) {
                return outputs.size() == 1 ? Optional.of(outputs.get(0)) : Optional.empty();
            }
            return outputs.stream().filter(a -> Path.of(a.path()).getFileName().toString().equals(expected)).findFirst();
        }

        private Map<String, String> outputHashes(Artifact a) {
            if (context.outputs().isEmpty()) {
                return Map.of("SHA-256", a.sha256());
            }
            return FileHashes.of(context.outputs().get().resolve(a.path()), Map.of("sha256", a.sha256()), "output " + a.path(),
                    List.of("SHA-256", "SHA-512"));
        }

        /**
         * The hashes of one component: computed from the bytes we hold (the graph's file, or the
         * verified cache entry of its lock entry), checked against the lock; otherwise the lock's own.
         * SHA-1 too for Maven and npm, whose registries publish it.
         */
        private Map<String, String> hashes(String purl, Optional<Path> file, Optional<LockedDependency> lockEntry) {
            Map<String, String> expected = lockEntry.map(LockedDependency::digests).orElse(Map.of());
            String type = PurlKey.type(purl);
            List<String> algorithms = type.equals("maven") || type.equals("npm") ? FileHashes.ALGORITHMS : List.of("SHA-256", "SHA-512");
            if (file.isPresent()) {
                return FileHashes.of(file.get(), expected, purl, algorithms, context.entryHashes());
            }
            if (lockEntry.isPresent() && context.cache().isPresent()) {
                Optional<CacheKey> key = CacheKey.of(lockEntry.get());
                if (key.isPresent() && context.cache().get().contains(key.get().algorithm(), key.get().hex())) {
                    return FileHashes.of(context.cache().get().entry(key.get().algorithm(), key.get().hex()), expected,
                            lockEntry.get().where(), algorithms, context.entryHashes());
                }
            }
            Map<String, String> stated = FileHashes.fromLock(expected);
            for (var e : FileHashes.HEX_LENGTHS.entrySet()) {
                if (expected.containsKey(e.getKey()) && !stated.containsKey(FileHashes.LOCK_NAMES.get(e.getKey()))) {
                    problems.add(lockEntry.map(LockedDependency::where).orElse(purl) + ": its " + e.getKey() + " digest is not "
                            + e.getValue() + " hex digits; left out of the SBOM");
                }
            }
            return stated;
        }

        private record Licensed(boolean any, boolean allSpdx) {
        }

        private Licensed licenses(Component c, List<String> declared) {
            List<SpdxLicenses.Resolved> resolved = declared.stream().filter(s -> s != null && !s.isBlank()).map(SpdxLicenses::resolve).toList();
            SpdxLicenses.choice(resolved).ifPresent(c::setLicenses);
            boolean allSpdx = !resolved.isEmpty();
            for (SpdxLicenses.Resolved r : resolved) {
                if (r.spdx().isEmpty()) {
                    unresolved.merge(r.declared().strip(), 1, Integer::sum);
                    allSpdx = false;
                }
            }
            return new Licensed(!resolved.isEmpty(), allSpdx);
        }
    }

    /** A lock entry's group and name as CycloneDX splits them: Maven group and artifact, npm scope and name. */
    private static String[] groupAndName(LockedDependency d) {
        if (d.ecosystem().equals("maven")) {
            var c = dev.hermeticbuild.lock.MavenLockfile.coordinates(d);
            return new String[] {c.group(), c.artifact()};
        }
        if (d.ecosystem().equals("npm") && d.name().startsWith("@") && d.name().contains("/")) {
            int slash = d.name().indexOf('/');
            return new String[] {d.name().substring(0, slash), d.name().substring(slash + 1)};
        }
        return new String[] {"", d.name()};
    }

    private static OrganizationalEntity organization(String name) {
        OrganizationalEntity e = new OrganizationalEntity();
        e.setName(name);
        return e;
    }

    private static List<Hash> toHashes(Map<String, String> hashes) {
        List<Hash> result = new ArrayList<>();
        hashes.forEach((alg, hex) -> result.add(new Hash(alg, hex)));
        return result;
    }

    private static final AtomicBoolean WARM_UP_STARTED = new AtomicBoolean();

    static byte[] json(Bom bom) {
        return SbomJsonWriter.write(bom);
    }

    /**
     * Serialises and validates a made-up BOM on a daemon thread, so that the CycloneDX model, the
     * shared mapper's serializers and the schema validator are ready by the time a build, which
     * starts this before its command runs, writes its SBOM. Once per process: the CLI starts it
     * as the JVM starts, and a second build in the process (check-reproducible's) finds it done.
     * The result is thrown away; a failure here is left for the real validation to report.
     */
    public static void warmUpInBackground() {
        if (!WARM_UP_STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread warmUp = new Thread(() -> {
            try {
                validate(json(warmUpBom()));
            } catch (RuntimeException | LinkageError e) {
                // the build's own SBOM is validated again and reports any real problem
            }
        }, "sbom-warm-up");
        warmUp.setDaemon(true);
        warmUp.setPriority(Thread.MIN_PRIORITY);
        warmUp.start();
    }

    /**
     * A made-up document with the parts every build's SBOM has (tool, artifact with hashes,
     * library with supplier and an external reference, dependencies, formulation, properties):
     * the shared mapper builds a serializer per type the first time it meets one, so an empty BOM
     * would leave most of that work to the build's own SBOM. No licenses: resolving one loads the
     * SPDX list, which a build without dependencies never needs.
     */
    static Bom warmUpBom() {
        Component library = new Component();
        library.setType(Component.Type.LIBRARY);
        library.setBomRef("pkg:maven/warm/up@0");
        library.setGroup("warm");
        library.setName("up");
        library.setVersion("0");
        library.setScope(Component.Scope.REQUIRED);
        library.setPurl("pkg:maven/warm/up@0");
        library.setSupplier(organization("warm"));
        library.setHashes(List.of(new Hash("SHA-256", "0".repeat(64))));
        ExternalReference vcs = new ExternalReference();
        vcs.setType(ExternalReference.Type.VCS);
        vcs.setUrl("https://example.invalid/warm-up.git");
        library.setExternalReferences(List.of(vcs));
        library.setProperties(List.of(new Property(PROPERTY_PREFIX + "warm-up", "0")));
        Component artifact = new Component();
        artifact.setType(Component.Type.FILE);
        artifact.setBomRef("file:warm-up");
        artifact.setName("warm-up");
        artifact.setHashes(List.of(new Hash("SHA-256", "0".repeat(64))));
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(artifact));
        Metadata metadata = new Metadata();
        metadata.setTimestamp(new Date(0));
        metadata.setToolChoice(tools);
        metadata.setComponent(artifact);
        metadata.setProperties(List.of(new Property(PROPERTY_PREFIX + "warm-up", "0")));
        Dependency root = new Dependency("file:warm-up");
        root.setDependencies(List.of(new Dependency("pkg:maven/warm/up@0")));
        Formula formula = new Formula();
        formula.setBomRef("formulation:warm-up");
        formula.setProperties(List.of(new Property(PROPERTY_PREFIX + "warm-up", "0")));
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + new UUID(0, 0));
        bom.setMetadata(metadata);
        bom.setComponents(List.of(library));
        bom.setDependencies(List.of(root));
        bom.setFormulation(List.of(formula));
        return bom;
    }

    /** Schema validation; a failure here is our bug, never the user's input. */
    static void validate(byte[] json) {
        List<String> problems = SbomSchema.problems(json);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("generated SBOM fails CycloneDX 1.6 schema validation: " + problems);
        }
    }
}
