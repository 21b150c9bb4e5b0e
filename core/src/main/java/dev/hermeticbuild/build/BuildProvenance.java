package dev.hermeticbuild.build;

import dev.hermeticbuild.BuildInfo;
import dev.hermeticbuild.artifacts.Artifact;
import dev.hermeticbuild.cache.CacheUsage;
import dev.hermeticbuild.image.AssembledImage;
import dev.hermeticbuild.image.BaseImage;
import dev.hermeticbuild.image.ImageOutput;
import dev.hermeticbuild.image.ImageRecipe;
import dev.hermeticbuild.cache.MavenRepositoryMaterializer;
import dev.hermeticbuild.lock.LockedDependency;
import dev.hermeticbuild.lock.ProjectLock;
import dev.hermeticbuild.sbom.CycloneDxSbom;
import java.util.Optional;
import dev.hermeticbuild.provenance.DigestSet;
import dev.hermeticbuild.provenance.ResourceDescriptor;
import dev.hermeticbuild.provenance.SlsaProvenance;
import dev.hermeticbuild.provenance.Statement;
import dev.hermeticbuild.provenance.StatementTypes;
import dev.hermeticbuild.sandbox.Confinement;
import dev.hermeticbuild.sandbox.EgressReport;
import dev.hermeticbuild.sandbox.SandboxedProcess;
import dev.hermeticbuild.source.Lockfiles;
import dev.hermeticbuild.source.ProvidedToolchain;
import dev.hermeticbuild.source.SourceState;
import dev.hermeticbuild.source.SourceUri;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the SLSA v1 statement of a finished build from what the runner observed: its own
 * digests of the outputs, the source state it read, the egress probe's results, the sandbox it
 * set up. Nothing here comes from the build command's own claims.
 */
final class BuildProvenance {

    /** What the runner saw of one build. */
    record Observation(BuildRequest request, SourceState source, List<Lockfiles.Lockfile> lockfiles, ProjectLock lock,
                       String mechanism, boolean isolated, EgressReport egress, Map<String, String> fixedEnvironment,
                       SandboxedProcess.Outcome outcome, String buildLogSha256, List<Artifact> artifacts,
                       String invocationId, Optional<CacheUsage> cacheUsage,
                       String sbomSha256, CycloneDxSbom.Completeness sbomCompleteness, Optional<String> isolationOptIn,
                       Confinement confinement, boolean builtInCopy, boolean builtFromExport,
                       List<ProvidedToolchain> toolchains, List<ImageOutput> images,
                       Optional<AssembledImage> assembled) {
    }

    private BuildProvenance() {
    }

    static Statement<SlsaProvenance> statement(Observation o) {
        List<ResourceDescriptor> subjects = new ArrayList<>();
        HermeticBuild.filesOutside(o.artifacts(), o.images()).forEach(a -> subjects.add(ResourceDescriptor.subject(a.path(), a.sha256())));
        o.images().forEach(image -> image.subjects().forEach(s -> subjects.add(ResourceDescriptor.subject(s.name(), s.sha256()))));
        var definition = new SlsaProvenance.BuildDefinition(StatementTypes.HERMETIC_BUILD_V1, external(o), internal(o), dependencies(o));
        Map<String, String> version = new LinkedHashMap<>();
        version.put("hermetic-build", BuildInfo.version());
        version.put("runner-jvm", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
        var builder = new SlsaProvenance.Builder(o.request().builderId(), version, List.of());
        var metadata = new SlsaProvenance.Metadata(o.invocationId(),
                rfc3339(o.outcome().startedOn()), rfc3339(o.outcome().finishedOn()));
        Map<String, Object> logAnnotations = new LinkedHashMap<>();
        logAnnotations.put("exitCode", o.outcome().exitCode());
        logAnnotations.put("timedOut", o.outcome().timedOut());
        var log = new ResourceDescriptor("build.log", null, Map.of("sha256", o.buildLogSha256()), "text/plain", logAnnotations);
        Map<String, Object> sbomAnnotations = new LinkedHashMap<>();
        sbomAnnotations.put("components", o.sbomCompleteness().components());
        sbomAnnotations.put("withPurl", o.sbomCompleteness().withPurl());
        sbomAnnotations.put("withHashes", o.sbomCompleteness().withHashes());
        sbomAnnotations.put("withLicenses", o.sbomCompleteness().withLicenses());
        var sbom = new ResourceDescriptor("sbom.cdx.json", null, Map.of("sha256", o.sbomSha256()),
                StatementTypes.CYCLONEDX_JSON, sbomAnnotations);
        var run = new SlsaProvenance.RunDetails(builder, metadata, List.of(log, sbom));
        return Statement.slsa(subjects, new SlsaProvenance(definition, run));
    }

    private static Map<String, Object> external(Observation o) {
        BuildRequest r = o.request();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("command", r.command());
        p.put("workingDirectory", o.source().pathInRepository().isEmpty() ? "." : o.source().pathInRepository());
        Map<String, Object> source = new LinkedHashMap<>();
        r.canonicalSource()
                .or(() -> o.source().remoteUrl().flatMap(u -> SourceUri.fromRemote(u).uri()))
                .ifPresent(u -> source.put("repository", u));
        o.source().ref().ifPresent(ref -> source.put("ref", ref));
        if (!source.isEmpty()) {
            p.put("source", source);
        }
        p.put("outputs", r.outputs().stream().map(g -> g.pattern()).toList());
        p.put("tier", r.tier().cliName());
        p.put("sandbox", r.sandbox().cliName());
        p.put("passedEnvironment", r.passEnv());
        p.put("timeoutSeconds", r.timeout().toSeconds());
        if (r.allowNetworkPolicyOnly()) {
            p.put("isolationOptIn", "network-policy-only");
        }
        r.image().ifPresent(image -> p.put("image", image.parameters()));
        return p;
    }

    private static Map<String, Object> internal(Observation o) {
        Map<String, Object> isolation = new LinkedHashMap<>();
        isolation.put("mechanism", o.mechanism());
        isolation.put("namespaces", o.isolated()
                ? List.of("user", "network", "mount", "pid", "ipc", "uts", "cgroup") : List.of());
        isolation.put("seccomp", o.egress().confinement().describe());
        isolation.put("egressBlocked", o.egress().egressBlocked());
        isolation.put("hermetic", o.isolated() && o.egress().egressBlocked());
        List<Map<String, Object>> attempts = new ArrayList<>();
        for (EgressReport.Attempt a : o.egress().attempts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", a.target());
            m.put("description", a.description());
            m.put("reached", a.reached());
            m.put("detail", a.detail());
            attempts.add(m);
        }
        isolation.put("egressProbe", attempts);
        isolation.putAll(o.confinement().facts());
        isolation.put("buildTree", o.builtInCopy() ? "copy of the working tree without .git, owned by the build user"
                : o.builtFromExport() ? "fresh export of the commit" : "workspace");
        o.isolationOptIn().ifPresent(reason -> {
            Map<String, Object> optIn = new LinkedHashMap<>();
            optIn.put("name", "network-policy-only");
            optIn.put("reason", reason);
            optIn.put("podIsolation", System.getenv().getOrDefault("HERMETIC_POD_ISOLATION", "unknown"));
            isolation.put("optIn", optIn);
        });
        Map<String, Object> environment = new LinkedHashMap<>(o.fixedEnvironment());
        BuildVariation v = o.request().variation();
        environment.put("umask", v.umask());
        environment.put("hostname", o.isolated() ? v.hostname() : "(host)");
        environment.put("workspaceMount", o.isolated() ? v.workspaceMount() : "(host path)");
        if (!v.commandPrefix().isEmpty()) {
            environment.put("commandPrefix", v.commandPrefix());
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("versioned", o.source().versioned());
        tree.put("clean", o.source().versioned() && !o.source().dirty());
        tree.put("changed", o.source().changed());
        tree.put("untracked", o.source().untracked());
        tree.put("builtFrom", o.builtFromExport() ? "export" : "workspace");
        Map<String, Object> p = new LinkedHashMap<>();
        o.cacheUsage().ifPresent(u -> {
            Map<String, Object> cache = new LinkedHashMap<>();
            cache.put("hits", u.hits());
            cache.put("misses", u.misses());
            p.put("dependencyCache", cache);
        });
        p.put("isolation", isolation);
        p.put("environment", environment);
        p.put("sourceTree", tree);
        return p;
    }

    private static List<ResourceDescriptor> dependencies(Observation o) {
        List<ResourceDescriptor> deps = new ArrayList<>();
        SourceState s = o.source();
        if (s.versioned()) {
            Map<String, Object> annotations = new LinkedHashMap<>();
            annotations.put("path", s.pathInRepository().isEmpty() ? "." : s.pathInRepository());
            annotations.put("commitTime", s.commitTimeEpochSeconds().orElseThrow());
            Map<String, String> digest = new LinkedHashMap<>();
            digest.put("gitCommit", s.commit().orElseThrow());
            s.tree().ifPresent(tree -> digest.put("gitTree", tree));
            Optional<SourceUri> uri = s.remoteUrl().map(SourceUri::fromRemote);
            uri.flatMap(SourceUri::omittedBecause).ifPresent(why -> annotations.put("uriOmitted", why));
            Optional<String> recorded = uri.flatMap(SourceUri::uri).map(u -> u + s.ref().map(ref -> "@" + ref).orElse(""));
            o.request().canonicalSource().ifPresent(canonical -> annotations.put("canonicalRepository", canonical));
            deps.add(new ResourceDescriptor("source", recorded.orElse(null), digest, null, annotations));
        }
        for (Lockfiles.Lockfile l : o.lockfiles()) {
            deps.add(new ResourceDescriptor(l.name(), null, Map.of("sha256", l.sha256()), null, Map.of("kind", "lockfile")));
        }
        o.lock().external().ifPresent(l -> deps.add(externalLockDescriptor(l)));
        for (LockedDependency d : o.lock().dependencies()) {
            Map<String, String> digest = DigestSet.fromLockfile(d.digests(), d.where());
            Map<String, Object> annotations = new LinkedHashMap<>();
            annotations.put("lockfile", d.lockfile() + ":" + d.line());
            deps.add(new ResourceDescriptor(d.name() + "@" + d.version(), d.purl(), digest, null, annotations));
        }
        o.toolchains().forEach(t -> deps.add(toolchainDescriptor(t)));
        o.request().imageDigest().ifPresent(image -> deps.add(imageDescriptor(image)));
        o.request().image().flatMap(ImageRecipe::base).ifPresent(base -> deps.add(baseImageDescriptor(base, o.assembled())));
        return deps;
    }

    /** {@code toolchain:KIND}, located by a {@code file:} URI of the path the build saw, identified by the runner's digest. */
    static ResourceDescriptor toolchainDescriptor(ProvidedToolchain provided) {
        var t = provided.toolchain();
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put("kind", t.kind());
        annotations.put("version", t.version());
        provided.vendor().ifPresent(v -> annotations.put("vendor", v));
        annotations.put("path", t.path());
        annotations.put("via", provided.via());
        annotations.put("shownReadOnly", provided.shownReadOnly());
        if (provided.buildControlled()) {
            annotations.put("buildControlled", true);
        }
        String uri = java.nio.file.Path.of(t.path()).toUri().toString().replaceAll("/$", "");
        return new ResourceDescriptor(ProvidedToolchain.DEPENDENCY_PREFIX + t.kind(), uri, t.digest(), null, annotations);
    }

    /** The Maven lock kept outside the source tree: by digest, with where it was read from and how it was chosen. */
    private static ResourceDescriptor externalLockDescriptor(dev.hermeticbuild.lock.ExternalLock lock) {
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put("kind", "lockfile");
        annotations.put("location", "outside the source tree");
        annotations.put("origin", lock.origin());
        annotations.put("path", lock.path().toString());
        return new ResourceDescriptor(lock.path().getFileName().toString(), null, Map.of("sha256", lock.sha256()), null, annotations);
    }

    /** HERMETIC_IMAGE_DIGEST is either {@code sha256:HEX} or {@code REPO@sha256:HEX}. */
    /** The base of the image the runner assembled: the digest asked for, the layout it was read from, the manifest used. */
    private static ResourceDescriptor baseImageDescriptor(BaseImage base, Optional<AssembledImage> assembled) {
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put("layout", base.layout().toString());
        assembled.flatMap(AssembledImage::baseManifestSha256).ifPresent(m -> annotations.put("manifest", "sha256:" + m));
        return new ResourceDescriptor(ImageRecipe.BASE_DEPENDENCY, null, Map.of("sha256", base.sha256()), null, annotations);
    }

    static ResourceDescriptor imageDescriptor(String image) {
        int at = image.indexOf("@sha256:");
        String digest = at >= 0 ? image.substring(at + 8) : image.startsWith("sha256:") ? image.substring(7) : "";
        if (!digest.matches("[0-9a-f]{64}")) {
            throw new dev.hermeticbuild.InputException("HERMETIC_IMAGE_DIGEST " + image
                    + ": expected sha256:<64 hex> or <image>@sha256:<64 hex>");
        }
        String uri = at >= 0 ? "oci://" + image : null;
        return new ResourceDescriptor("builder-image", uri, Map.of("sha256", digest), null, null);
    }

    private static String rfc3339(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
