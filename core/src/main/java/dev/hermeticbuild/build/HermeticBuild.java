package dev.hermeticbuild.build;

import dev.hermeticbuild.Background;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import dev.hermeticbuild.artifacts.Artifact;
import dev.hermeticbuild.artifacts.OutputBudget;
import dev.hermeticbuild.artifacts.OutputCollector;
import dev.hermeticbuild.artifacts.StagedOutDir;
import dev.hermeticbuild.bundle.BundleNames;
import dev.hermeticbuild.cache.CacheException;
import dev.hermeticbuild.cache.CacheUsage;
import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.cache.DependencyView;
import dev.hermeticbuild.cache.MavenRepositoryMaterializer;
import dev.hermeticbuild.cache.NpmCacheMaterializer;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.image.AssembledImage;
import dev.hermeticbuild.image.ImageAssembly;
import dev.hermeticbuild.image.ImageOutput;
import dev.hermeticbuild.lock.ExternalLock;
import dev.hermeticbuild.lock.ProjectLock;
import dev.hermeticbuild.provenance.ProvenanceJson;
import dev.hermeticbuild.provenance.SlsaProvenance;
import dev.hermeticbuild.provenance.Statement;
import dev.hermeticbuild.provenance.Toolchain;
import dev.hermeticbuild.sandbox.BuildEnvironment;
import dev.hermeticbuild.sandbox.BuildUser;
import dev.hermeticbuild.sandbox.Confinement;
import dev.hermeticbuild.sandbox.EgressCheck;
import dev.hermeticbuild.sandbox.EgressReport;
import dev.hermeticbuild.sandbox.IsolationException;
import dev.hermeticbuild.sandbox.LinkFarm;
import dev.hermeticbuild.sandbox.NoSandbox;
import dev.hermeticbuild.sandbox.RunnerFiles;
import dev.hermeticbuild.sandbox.Sandbox;
import dev.hermeticbuild.sandbox.SandboxChooser;
import dev.hermeticbuild.sandbox.SandboxMode;
import dev.hermeticbuild.sandbox.SandboxSpec;
import dev.hermeticbuild.sandbox.SandboxedProcess;
import dev.hermeticbuild.sbom.CycloneDxSbom;
import dev.hermeticbuild.sbom.DependencyGraph;
import dev.hermeticbuild.sbom.EntryHashes;
import dev.hermeticbuild.sbom.GraphInputs;
import dev.hermeticbuild.sbom.MavenLicenses;
import dev.hermeticbuild.sbom.RuntimeGraphs;
import dev.hermeticbuild.sbom.SbomContext;
import dev.hermeticbuild.sign.BundleSigner;
import dev.hermeticbuild.source.Lockfiles;
import dev.hermeticbuild.source.ProvidedToolchain;
import dev.hermeticbuild.source.SourceState;
import dev.hermeticbuild.source.SourceUri;
import dev.hermeticbuild.source.ToolchainLocator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The walk of one build: read the source, set up the sandbox, probe egress, run the command,
 * collect and digest outputs, write provenance. Release-tier builds fail closed at every step.
 */
public final class HermeticBuild {

    public static final String PROVENANCE_FILE = "provenance.json";
    public static final String BUILD_LOG_FILE = "build.log";
    public static final String SBOM_FILE = "sbom.cdx.json";
    private static final int NAMED_FILES_LIMIT = 20;
    private static final java.util.Set<String> RUNNER_FILES = java.util.Set.of(BUILD_LOG_FILE, PROVENANCE_FILE, SBOM_FILE,
            BuildAttestations.PROVENANCE_BUNDLE, BuildAttestations.SBOM_BUNDLE);

    private HermeticBuild() {
    }

    /**
     * Runs the build. {@code console} receives the build's output live (it also goes to
     * OUT/build.log); {@code hostEnvironment} is where {@code --env} names are looked up.
     */
    public static BuildResult run(BuildRequest request, OutputStream console, Map<String, String> hostEnvironment) {
        return run(request, console, hostEnvironment, Optional.empty());
    }

    /** As {@link #run(BuildRequest, OutputStream, Map)}, signed with {@code key} (when given) before OUT is published. */
    public static BuildResult run(BuildRequest request, OutputStream console, Map<String, String> hostEnvironment,
                                  Optional<SigningKey> key) {
        return run(request, console, hostEnvironment, key, BuildProgress.SILENT);
    }

    /** As {@link #run(BuildRequest, OutputStream, Map, Optional)}, telling {@code progress} of each phase. */
    public static BuildResult run(BuildRequest request, OutputStream console, Map<String, String> hostEnvironment,
                                  Optional<SigningKey> key, BuildProgress progress) {
        return run(request, () -> SandboxChooser.choose(request.sandbox()), Optional.empty(), console, hostEnvironment, key, progress);
    }

    /** As {@link #run(BuildRequest, OutputStream, Map)}, with the sandbox supplied by the caller. */
    public static BuildResult run(BuildRequest request, java.util.function.Supplier<Sandbox> sandboxes, OutputStream console,
                                  Map<String, String> hostEnvironment) {
        return run(request, sandboxes, Optional.empty(), console, hostEnvironment, Optional.empty(), BuildProgress.SILENT);
    }

    /** As {@link #run(BuildRequest, java.util.function.Supplier, OutputStream, Map)}, signed with {@code key} when given. */
    public static BuildResult run(BuildRequest request, java.util.function.Supplier<Sandbox> sandboxes, OutputStream console,
                                  Map<String, String> hostEnvironment, Optional<SigningKey> key) {
        return run(request, sandboxes, Optional.empty(), console, hostEnvironment, key, BuildProgress.SILENT);
    }

    /**
     * As {@link #run(BuildRequest, OutputStream, Map)}, building {@code source} (a fresh export the
     * caller made, say) instead of what the tier would choose; the request's workspace still names
     * the project and bounds where OUT may be.
     */
    public static BuildResult run(BuildRequest request, BuildSource source, OutputStream console, Map<String, String> hostEnvironment) {
        return run(request, source, console, hostEnvironment, BuildProgress.SILENT);
    }

    /** As {@link #run(BuildRequest, BuildSource, OutputStream, Map)}, telling {@code progress} of each phase. */
    public static BuildResult run(BuildRequest request, BuildSource source, OutputStream console, Map<String, String> hostEnvironment,
                                  BuildProgress progress) {
        return run(request, () -> SandboxChooser.choose(request.sandbox()), Optional.of(source), console, hostEnvironment,
                Optional.empty(), progress);
    }

    /**
     * The walk. OUT is written whole or not at all ({@link StagedOutDir}): the build log, outputs,
     * SBOM, provenance and bundles go to a fresh staging directory that replaces OUT only when all
     * are written; a failed build leaves the earlier OUT and keeps its log in {@code OUT.failed/}.
     */
    private static BuildResult run(BuildRequest request, java.util.function.Supplier<Sandbox> sandboxes, Optional<BuildSource> given,
                                   OutputStream console, Map<String, String> hostEnvironment, Optional<SigningKey> key,
                                   BuildProgress progress) {
        Path workspace = existingWorkspace(request.workspace());
        PhaseClock clock = PhaseClock.fromEnvironment();
        Optional<BundleSigner> signer = key.map(k -> k.openFor(workspace, request.passEnv()));
        try (StagedOutDir out = StagedOutDir.open("--out", request.outDir(), workspace, BUILD_LOG_FILE)) {
            return staged(request, sandboxes, given, console, hostEnvironment, workspace, out, signer,
                    new Clocks(clock, new PhaseSequence(progress)));
        } finally {
            clock.lap("close");
        }
    }

    private static BuildResult staged(BuildRequest request, java.util.function.Supplier<Sandbox> sandboxes, Optional<BuildSource> given,
                                      OutputStream console, Map<String, String> hostEnvironment, Path workspace, StagedOutDir out,
                                      Optional<BundleSigner> signer, Clocks clocks) {
        if (request.command().isEmpty()) {
            throw new InputException("no build command given after --");
        }
        if (request.sandbox() == SandboxMode.NONE && request.tier() == Tier.RELEASE) {
            throw new InputException("--sandbox none is only allowed with --tier dev; a release build must be isolated");
        }
        for (var glob : request.outputs()) {
            if (glob.literalPath().filter(HermeticBuild::runnerFile).isPresent()) {
                throw new InputException("--output '" + Printable.escape(glob.pattern()) + "' names a file the runner writes in the output"
                        + " directory (build log, provenance, SBOM or a *.sigstore.json bundle), which is refused as an output: the build"
                        + " did not run; have the build write it under another name");
            }
        }
        try (ScratchDirectory scratch = ScratchDirectory.create()) {
            return walk(request, sandboxes, given, console, hostEnvironment, workspace, out, scratch, signer, clocks);
        } finally {
            clocks.bench().lap("cleanup");
        }
    }

    private static BuildResult walk(BuildRequest request, java.util.function.Supplier<Sandbox> sandboxes, Optional<BuildSource> given,
                                    OutputStream console, Map<String, String> hostEnvironment, Path workspace, StagedOutDir out,
                                    ScratchDirectory scratchDirectory, Optional<BundleSigner> signer, Clocks clocks) {
        Path scratch = scratchDirectory.path();
        Path outDir = out.staging();
        PhaseClock clock = clocks.bench();
        PhaseSequence phases = clocks.phases();
        CycloneDxSbom.warmUpInBackground();
        Background<Established> establishing = establishInBackground(request, sandboxes, scratchDirectory);
        clock.lap("start");
        phases.begin(BuildProgress.Phase.SOURCE);
        java.util.function.Function<Path, ProjectLock> lockOf = t -> ProjectLock.read(t, ExternalLock.find(request.lock(), workspace, t,
                List.of(workspace, t, request.outDir())));
        BuildSource prepared = given.orElseGet(() -> BuildSource.prepare(workspace, request.tier(), scratch.resolve("source"), lockOf));
        clock.lap("source");
        SourceState source = prepared.state();
        Path tree = prepared.directory();
        List<Lockfiles.Lockfile> lockfiles = Lockfiles.find(tree);
        ProjectLock lock = request.tier() == Tier.RELEASE ? ReleasePreflight.lockOrRefuse(tree, lockOf) : lockOf.apply(tree);
        Optional<ContentCache> sbomCache = request.cache().map(c -> ContentCache.open(c, workspace));
        String project = projectName(workspace, source);
        // read from a copy the runner made before the command (or from the tree, finished before it): nothing the build writes reaches it
        Optional<GraphInputs> graphInputs = GraphInputs.copy(tree);
        Background<DependencyGraph> graph = Background.start("the run-time dependency graph", () -> graphInputs
                .map(copy -> copy.ofTree(RuntimeGraphs.of(copy.directory(), lock, sbomCache, project)))
                .orElseGet(() -> RuntimeGraphs.of(tree, lock, sbomCache, project)));
        scratchDirectory.whenClosed(() -> {
            graph.awaitQuietly();
            graphInputs.ifPresent(GraphInputs::close);
        });
        long epoch = source.commitTimeEpochSeconds().orElse(BuildEnvironment.NO_VCS_EPOCH);
        Confinement confinement = request.confinement();
        var licensed = sbomCache.map(c -> MavenLicenses.lookUpInBackground(lock.dependencies(), c));
        clock.lap("lock");
        phases.begin(BuildProgress.Phase.SANDBOX);
        BuildTree.Prepared buildTree = BuildTree.prepare(tree, prepared.inPlace(), scratch, confinement);
        clock.lap("build-tree");
        Established established = establishing.result();
        clock.lap("sandbox+egress");
        Sandbox sandbox = established.sandbox();
        phases.begin(BuildProgress.Phase.BUILD);
        Optional<DependencyView> view = Optional.empty();
        try {
            String home = SandboxSpec.HOME;
            String tmp = "/tmp";
            Optional<Path> hostHome = Optional.empty();
            if (!sandbox.isolates()) {
                hostHome = Optional.of(Files.createDirectory(scratch.resolve("home")));
                home = hostHome.orElseThrow().toString();
                tmp = Files.createDirectory(scratch.resolve("tmp")).toString();
            }
            Optional<CacheUsage> cacheUsage = Optional.empty();
            Optional<LinkFarm> repositoryFarm = Optional.empty();
            if (request.cache().isPresent()) {
                ContentCache cache = ContentCache.open(request.cache().get(), workspace);
                view = sandbox.isolates() ? DependencyView.create(cache, confinement.hostUid(), confinement.hostGid(),
                        List.of(RunnerFiles.sharedDirectory()), SandboxSpec.DEPENDENCIES) : Optional.empty();
                CachedInputs inputs = materialize(lock, cache, scratch, hostHome, view, sandbox);
                cacheUsage = Optional.of(inputs.usage());
                hostHome = inputs.hostHome();
                repositoryFarm = inputs.repositoryFarm();
            }
            ownScratch(confinement, scratch, hostHome, tmp);
            clock.lap("cache");
            Map<String, String> fixedEnv = new java.util.TreeMap<>(BuildEnvironment.fixed(epoch, home, tmp));
            if (cacheUsage.isPresent() && !lock.of("maven").isEmpty()) {
                // Java takes user.home from the passwd entry, not $HOME: name the repository explicitly.
                fixedEnv.put("MAVEN_OPTS", "-Dmaven.repo.local=" + home + "/.m2/repository");
            }
            Map<String, String> env = BuildEnvironment.withPassed(fixedEnv, request.passEnv(), hostEnvironment);
            BuildVariation variation = request.variation();
            fixedEnv.putAll(variation.environment());
            env = new java.util.LinkedHashMap<>(env);
            env.putAll(variation.environment());
            var toolchainView = new ToolchainLocator.View(sandbox.isolates(), variation.workspaceMount(), buildTree.path(),
                    List.of(workspace, buildTree.path(), scratch));
            List<ProvidedToolchain> toolchains = toolchains(request, env, toolchainView);
            SandboxSpec spec = new SandboxSpec(buildTree.path(), ToolchainLocator.readOnlyBinds(env, toolchainView), env,
                    sandbox.isolates() ? hostHome : Optional.empty(), variation.hostname(), variation.workspaceMount(),
                    variation.umask(), confinement)
                    .withReadOnlyInWorkspace(buildTree.copied() ? List.of() : prepared.protectedPaths())
                    .withDependencies(view.map(DependencyView::directory))
                    .withLinkFarm(repositoryFarm);

            EgressReport egress = established.egress();
            if (request.tier() == Tier.RELEASE && !egress.egressBlocked() && established.optInReason().isEmpty()) {
                throw new IsolationException("release build refused: the egress probe reached "
                        + egress.reached().stream().map(a -> a.description() + " (" + a.target() + ")").toList());
            }

            if (graphInputs.isEmpty()) {
                graph.result();
            }
            Path logFile = outDir.resolve(BUILD_LOG_FILE);
            SandboxedProcess.Outcome outcome;
            EntryHashes entryHashes;
            try (OutputStream log = Files.newOutputStream(logFile)) {
                List<String> command = new java.util.ArrayList<>(variation.commandPrefix());
                command.addAll(request.command());
                entryHashes = sbomCache.map(c -> EntryHashes.inBackground(lock.dependencies(), c)).orElse(EntryHashes.none());
                outcome = SandboxedProcess.run(sandbox, spec, command, request.timeout(), console, log);
            }
            clock.lap("command");
            phases.end();
            Files.deleteIfExists(outDir.resolve(PROVENANCE_FILE));
            Files.deleteIfExists(outDir.resolve(SBOM_FILE));
            prepared.refusePlantedGit();
            if (!outcome.succeeded()) {
                return new BuildResult(outcome.exitCode(), outcome.timedOut(), egress, out.keepFailed(BUILD_LOG_FILE), List.of(),
                        Optional.empty(), Optional.empty(), cacheUsage, Optional.empty(), List.of(), recorded(toolchains));
            }
            DependencyGraph runtime = graph.result();
            phases.begin(BuildProgress.Phase.OUTPUTS);
            List<Artifact> artifacts;
            List<ImageOutput> images;
            Optional<AssembledImage> assembled;
            try {
                artifacts = OutputCollector.collect(buildTree.path(), (buildTree.copied() ? "the build's copy of the workspace "
                        : "the workspace ") + workspace, request.outputs(), outDir, HermeticBuild::runnerFile,
                        new OutputBudget(request.limits().outputsBytes()));
                request.image().filter(recipe -> runnerFile(recipe.name().split("/")[0]) || runnerFile(recipe.name())).ifPresent(recipe -> {
                    throw new InputException("--image-name " + recipe.name() + ": that name is the runner's own (provenance, SBOM, log,"
                            + " bundles); choose another");
                });
                assembled = request.image().map(recipe -> ImageAssembly.assemble(recipe.spec(outDir, Instant.ofEpochSecond(epoch))));
                if (assembled.isPresent()) {
                    artifacts = withLayoutFiles(artifacts, request.image().orElseThrow().name(), assembled.get());
                }
                List<String> layouts = new ArrayList<>(request.outputs().stream().flatMap(g -> g.literalPath().stream()).toList());
                request.image().ifPresent(recipe -> layouts.add(recipe.name()));
                images = ImageOutput.among(outDir, layouts, artifacts.stream().map(Artifact::path).toList(), scratch);
            } catch (InputException e) {
                throw new InputException(e.getMessage() + "; nothing was published, the build log is in " + out.keepFailed(BUILD_LOG_FILE), e);
            }
            scratchDirectory.removeInBackground();
            clock.lap("outputs");
            phases.begin(BuildProgress.Phase.SBOM);
            var locked = licensed.map(Background::result).orElse(lock.dependencies());
            CycloneDxSbom.Document sbom = CycloneDxSbom.create(filesOutside(artifacts, images), images, runtime, locked, recorded(toolchains), new SbomContext(epoch,
                    source.commit(), request.canonicalSource().or(() -> source.remoteUrl().flatMap(u -> SourceUri.fromRemote(u).uri())),
                    Optional.of(outDir), sbomCache, request.imageDigest(), entryHashes));
            Path sbomFile = outDir.resolve(SBOM_FILE);
            Files.write(sbomFile, sbom.json());
            clock.lap("sbom");
            phases.begin(BuildProgress.Phase.PROVENANCE);
            var observation = new BuildProvenance.Observation(request, source, lockfiles, lock, sandbox.mechanism(),
                    sandbox.isolates(), egress, fixedEnv, outcome, Sha256.ofFile(logFile), artifacts,
                    "urn:uuid:" + UUID.randomUUID(), cacheUsage, Sha256.ofFile(sbomFile), sbom.completeness(), established.optInReason(),
                    confinement, buildTree.copied(), !prepared.inPlace(), toolchains, images, assembled);
            Statement<SlsaProvenance> statement = BuildProvenance.statement(observation);
            Path provenance = outDir.resolve(PROVENANCE_FILE);
            ProvenanceJson.write(statement, provenance);
            clock.lap("provenance");
            List<Path> bundles = signer.map(sg -> BuildAttestations.attest(provenance, sg, outDir)).orElse(List.of());
            clock.lap("sign");
            out.commit();
            clock.lap("publish");
            phases.end();
            return new BuildResult(0, false, egress, out.published(logFile), artifacts, Optional.of(statement),
                    Optional.of(out.published(provenance)), cacheUsage, Optional.of(sbom.completeness()),
                    bundles.stream().map(out::published).toList(), recorded(toolchains));
        } catch (IOException e) {
            throw new InputException("cannot write to " + out.target() + " (staged in " + outDir + "): " + e.getMessage(), e);
        } finally {
            view.ifPresent(DependencyView::close);
        }
    }

    /**
     * The toolchains the build is given (JAVA_HOME, and java/node/go on its PATH), read by the
     * runner before the build runs. A release build refuses one the build itself could have shaped.
     */
    private static List<ProvidedToolchain> toolchains(BuildRequest request, Map<String, String> env, ToolchainLocator.View view) {
        List<ProvidedToolchain> toolchains = ToolchainLocator.locate(env, view);
        List<String> controlled = toolchains.stream().filter(ProvidedToolchain::buildControlled)
                .map(t -> t.toolchain().kind() + " at " + Printable.escape(t.toolchain().path()) + " (via " + String.join(", ", t.via()) + ")")
                .toList();
        if (request.tier() == Tier.RELEASE && !controlled.isEmpty()) {
            throw new ReleaseRefusedException(List.of(new ReleaseRefusal(ReleaseRefusal.Code.TOOLCHAIN_WRITABLE,
                    "the toolchain lies where the build can write (its workspace or home): " + String.join("; ", controlled)
                    + "; pass an installation outside the workspace (e.g. --env JAVA_HOME=/usr/lib/jvm/...)")));
        }
        return toolchains;
    }

    /** The outputs and the files of the image layout the runner assembled (compared file by file by check-reproducible). */
    private static List<Artifact> withLayoutFiles(List<Artifact> artifacts, String name, AssembledImage image) throws IOException {
        List<Artifact> all = new ArrayList<>(artifacts);
        for (String file : image.layout().files()) {
            Path p = image.layout().root().resolve(file);
            all.add(new Artifact(name + "/" + file, Files.size(p), Sha256.ofFile(p)));
        }
        return List.copyOf(all);
    }

    /** The outputs that are files of their own, not parts of an image layout (which is identified by its manifests instead). */
    static List<Artifact> filesOutside(List<Artifact> artifacts, List<ImageOutput> images) {
        return artifacts.stream().filter(a -> images.stream().noneMatch(i -> i.holds(a.path()))).toList();
    }

    private static List<Toolchain> recorded(List<ProvidedToolchain> toolchains) {
        return toolchains.stream().map(ProvidedToolchain::toolchain).toList();
    }

    /** The benchmark's fine-grained clock and the user's phases, both walked along the build. */
    private record Clocks(PhaseClock bench, PhaseSequence phases) {
    }

    /** The sandbox the build will run in, the egress it measured, and why the opt-in was used, if it was. */
    private record Established(Sandbox sandbox, EgressReport egress, Optional<String> optInReason) {
    }

    /**
     * Sets up the sandbox by running the egress probe in it. If no namespace sandbox can be made
     * and the request carries the network-policy-only opt-in, the build runs unsandboxed and the
     * reason is kept for the provenance; otherwise the failure stands (exit 3).
     */
    /**
     * Chooses the sandbox and runs the egress probe in it on a thread of its own, while the source
     * is inspected: the probe needs nothing from the source, so it runs in an empty directory of
     * the scratch space (nothing of the workspace is in its reach) and its cost overlaps JGit's.
     */
    private static Background<Established> establishInBackground(BuildRequest request, java.util.function.Supplier<Sandbox> sandboxes,
                                                                 ScratchDirectory scratchDirectory) {
        Path probeDir;
        try {
            probeDir = Files.createDirectory(scratchDirectory.path().resolve("egress-probe"));
        } catch (IOException e) {
            throw new InputException("cannot create the egress probe's directory in " + scratchDirectory.path() + ": " + e.getMessage(), e);
        }
        Confinement confinement = request.confinement();
        if (confinement.runsAsBuildUser()) {
            confinement.buildUser().orElseThrow().ownWritable(probeDir);
            BuildTree.reachable(scratchDirectory.path());
        }
        Background<Established> establishing = Background.start("the sandbox and its egress probe",
                () -> establish(request, sandboxes, probeDir, confinement));
        scratchDirectory.whenClosed(establishing::awaitQuietly);
        return establishing;
    }

    private static Established establish(BuildRequest request, java.util.function.Supplier<Sandbox> sandboxes, Path workspace,
                                         Confinement confinement) {
        SandboxSpec probe = new SandboxSpec(workspace, List.of(), BuildEnvironment.fixed(BuildEnvironment.NO_VCS_EPOCH, SandboxSpec.HOME, "/tmp"))
                .withConfinement(confinement);
        try {
            Sandbox sandbox = sandboxes.get();
            return new Established(sandbox, EgressCheck.run(sandbox, probe), Optional.empty());
        } catch (IsolationException e) {
            if (!request.allowNetworkPolicyOnly() || request.sandbox() == SandboxMode.NONE) {
                throw e;
            }
            Sandbox none = new NoSandbox();
            return new Established(none, EgressCheck.run(none, probe), Optional.of(e.getMessage()));
        }
    }

    private static void ownScratch(Confinement confinement, Path scratch, Optional<Path> hostHome, String tmp) {
        if (!confinement.runsAsBuildUser()) {
            return;
        }
        BuildUser user = confinement.buildUser().orElseThrow();
        hostHome.ifPresent(user::ownWritable);
        Path hostTmp = Path.of(tmp);
        if (hostTmp.startsWith(scratch)) {
            user.ownWritable(hostTmp);
        }
    }

    /**
     * What the build's HOME holds from the content cache: a host directory to mount (for npm's
     * cache, an unsandboxed build, or a Maven repository too large to pass), and the Maven
     * repository as a farm the sandbox lays out itself on a private tmpfs when it can.
     */
    private record CachedInputs(CacheUsage usage, Optional<Path> hostHome, Optional<LinkFarm> repositoryFarm) {
    }

    /**
     * The build's private Maven repository and npm cache (under its HOME), made from the content
     * cache; every locked Maven and npm input must be there. With a {@code view} (a sandboxed
     * build), the repository links into it and nothing is copied; where the sandbox lays out link
     * farms, it does so itself and the host disk holds no repository at all.
     */
    private static CachedInputs materialize(ProjectLock lock, ContentCache cache, Path scratch, Optional<Path> hostHome,
                                            Optional<DependencyView> view, Sandbox sandbox) throws IOException {
        String repositoryInHome = ".m2/repository";
        Optional<MavenRepositoryMaterializer.Linked> linked = view.filter(v -> !lock.of("maven").isEmpty())
                .map(v -> MavenRepositoryMaterializer.linked(lock, cache, v));
        Optional<LinkFarm> farm = linked.filter(l -> sandbox.laysOutLinkFarms())
                .map(l -> new LinkFarm(SandboxSpec.HOME + "/" + repositoryInHome, l.layout().directories(), l.layout().links()))
                .filter(LinkFarm::fitsOnCommandLine);
        boolean npm = !lock.of("npm").isEmpty();
        Optional<Path> home = hostHome;
        if (home.isEmpty() && (npm || (farm.isEmpty() && !lock.of("maven").isEmpty()))) {
            home = Optional.of(Files.createDirectory(scratch.resolve("home")));
        }
        CacheUsage maven;
        if (linked.isPresent()) {
            maven = linked.get().usage();
            if (farm.isEmpty()) {
                linked.get().layout().writeUnder(home.orElseThrow().resolve(repositoryInHome));
            }
        } else {
            maven = home.isPresent() ? MavenRepositoryMaterializer.materialize(lock, cache, home.get().resolve(repositoryInHome))
                    : new CacheUsage(0, List.of());
        }
        CacheUsage usage = maven.plus(home.isPresent()
                ? NpmCacheMaterializer.materialize(lock, cache, home.get(), scratch, view) : new CacheUsage(0, List.of()));
        if (usage.misses() > 0) {
            throw new CacheException(usage.misses() + " locked input(s) missing from the cache " + cache.root()
                    + " (run hermetic prefetch): " + named(usage.missing()));
        }
        return new CachedInputs(usage, home, farm);
    }

    private static String projectName(Path workspace, SourceState source) {
        String sub = source.pathInRepository();
        return sub.isEmpty() ? workspace.getFileName().toString() : sub;
    }

    static String named(List<String> files) {
        List<String> printable = files.stream().map(Printable::escape).toList();
        if (printable.size() <= NAMED_FILES_LIMIT) {
            return printable.toString();
        }
        return printable.subList(0, NAMED_FILES_LIMIT) + " and " + (printable.size() - NAMED_FILES_LIMIT) + " more";
    }

    private static Path existingWorkspace(Path workspace) {
        if (!Files.isDirectory(workspace)) {
            throw new InputException("workspace " + workspace + " does not exist or is not a directory");
        }
        try {
            return workspace.toRealPath();
        } catch (IOException e) {
            throw new InputException("workspace " + workspace + ": " + e.getMessage(), e);
        }
    }


    /**
     * Whether an output path (relative to OUT) names a file the runner writes there: the log,
     * provenance, SBOM, or any Sigstore bundle ({@code hermetic sign} puts {@code FILE.sigstore.json}
     * beside each output). Such an output is refused rather than allowed to replace or pose as one.
     */
    static boolean runnerFile(String relative) {
        return RUNNER_FILES.contains(relative) || relative.endsWith(BundleNames.SIGNATURE);
    }
}
