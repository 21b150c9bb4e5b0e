package dev.hermeticbuild.cli;

import dev.hermeticbuild.CountText;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.artifacts.Artifact;
import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.build.BuildRequest;
import dev.hermeticbuild.build.BuildResult;
import dev.hermeticbuild.build.HermeticBuild;
import dev.hermeticbuild.sandbox.SandboxMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hermetic demo}: the whole chain on {@code examples/}. Each example is committed into a
 * fresh git repository (fixed author and date, so the commit id and the outputs are the same on
 * every run) and built at the release tier in the sandbox: {@code hello} with make and javac,
 * then {@code maven-app} with Maven from the dependency cache (prefetched first, the one step
 * with network), with no network during the build.
 */
@Command(name = "demo", description = "Build examples/hello and examples/maven-app hermetically at the release tier and show their provenance.")
final class DemoCommand implements Callable<Integer> {

    static final Instant DEMO_COMMIT_TIME = Instant.parse("2026-01-01T00:00:00Z");

    @Spec
    CommandSpec spec;

    @Option(names = "--examples", paramLabel = "DIR", description = "The examples directory (default: $HERMETIC_HOME/examples, else ./examples).")
    Path examples;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the demo writes its workspace and results (default: ./hermetic-demo).")
    Path out = Path.of("hermetic-demo");

    @Option(names = "--sandbox", paramLabel = "MODE", description = "auto|bubblewrap|unshare (default auto).")
    String sandbox = "auto";

    @Option(names = "--cache", paramLabel = "DIR", description = "Dependency cache for the Maven example (default: ~/.cache/hermetic).")
    Path cache = CacheDirectory.defaultCache();

    @Override
    public Integer call() throws IOException {
        Path examplesDir = examplesDir();
        if (!Files.isRegularFile(examplesDir.resolve("hello/Makefile"))) {
            throw new InputException("demo: " + examplesDir + "/hello has no Makefile; run from the hermetic-build checkout or pass --examples");
        }
        Path root = out.toAbsolutePath().normalize();
        dev.hermeticbuild.FileTrees.deleteQuietly(root);
        PrintWriter o = spec.commandLine().getOut();

        o.println("== 1/2 examples/hello: make + javac, release tier, in the sandbox");
        Path hello = prepare(examplesDir.resolve("hello"), root.resolve("workspace/hello"), o);
        BuildResult helloResult = HermeticBuild.run(request(hello, root.resolve("out/hello"), "build/*.jar", List.of("make"), null),
                System.out, System.getenv());
        if (!report(helloResult, o)) {
            return ExitCodes.BUILD_FAILED;
        }

        o.println();
        o.println("== 2/2 examples/maven-app: Maven with real dependencies, every input pinned in hermetic.lock");
        Path app = prepare(examplesDir.resolve("maven-app"), root.resolve("workspace/maven-app"), o);
        o.println("demo: prefetch into " + cache + " (network on: only what hermetic.lock names, each sha256 checked)");
        var lock = dev.hermeticbuild.lock.ProjectLock.read(app);
        var prefetch = new dev.hermeticbuild.cache.Prefetcher(dev.hermeticbuild.cache.ContentCache.open(cache, app),
                dev.hermeticbuild.cache.Registries.defaults()).prefetch(lock);
        o.println("demo: " + prefetch.fetched() + " fetched, " + prefetch.hits() + " already cached and re-verified");
        if (!prefetch.ok()) {
            prefetch.failures().forEach(f -> spec.commandLine().getErr().println("demo: " + f));
            return prefetch.onlyUnavailable() ? ExitCodes.UNAVAILABLE : ExitCodes.CHECK_FAILED;
        }
        o.println("demo: release build, no network, dependencies only from the cache: mvn -o -B -q package");
        BuildResult appResult = HermeticBuild.run(request(app, root.resolve("out/maven-app"), "target/*.jar",
                List.of("mvn", "-o", "-B", "-q", "package"), cache), System.out, System.getenv());
        if (!report(appResult, o)) {
            return ExitCodes.BUILD_FAILED;
        }

        o.println();
        o.println("== sign and verify: a throw-away demo key (never inside a workspace), the signature made outside the sandbox");
        Path keys = Files.createDirectories(root.resolve("keys"));
        var key = dev.hermeticbuild.sign.KeyGen.generate(dev.hermeticbuild.sign.KeyAlgorithm.ECDSA_P256,
                keys.resolve("demo.pem"), keys.resolve("demo.pub"), dev.hermeticbuild.sign.PassphraseSource.none());
        var signer = dev.hermeticbuild.sign.Signers.fromFile(key.privateKey(), dev.hermeticbuild.sign.PassphraseSource.none());
        List<Path> bundles = dev.hermeticbuild.build.BuildAttestations.attest(appResult,
                new dev.hermeticbuild.sign.KeyBundleSigner(signer), root.resolve("out/maven-app"));
        bundles.forEach(b -> o.println("signed:     " + b + " (key " + key.keyId() + ")"));
        Path jar = root.resolve("out/maven-app").resolve(appResult.artifacts().get(0).path());
        var policy = dev.hermeticbuild.verify.VerifyPolicy.builder().keyring(dev.hermeticbuild.verify.Keyring.load(key.publicKey()))
                .builderIds(java.util.Set.of(BuildRequest.DEFAULT_BUILDER_ID)).build();
        var verified = new dev.hermeticbuild.verify.BundleVerifier(policy).verify(bundles.get(0), Optional.of(jar));
        o.println("verified:   " + jar.getFileName() + " against " + bundles.get(0).getFileName() + ": " + String.join(", ", verified.checks()));
        o.println("            (the same check by hand: bin/hermetic verify --pub " + key.publicKey() + " --bundle " + bundles.get(0)
                + " --artifact " + jar + " --require-hermetic)");
        return ExitCodes.OK;
    }

    private BuildRequest request(Path workspace, Path outDir, String glob, List<String> command, Path cacheDir) {
        return BuildRequest.builder()
                .workspace(workspace).outDir(outDir).outputs(List.of(new OutputGlob(glob))).command(command)
                .sandbox(SandboxMode.parse(sandbox))
                .imageDigest(Optional.ofNullable(System.getenv("HERMETIC_IMAGE_DIGEST")).filter(s -> !s.isBlank()))
                .cache(Optional.ofNullable(cacheDir))
                .build();
    }

    private static Path prepare(Path example, Path workspace, PrintWriter o) throws IOException {
        dev.hermeticbuild.FileTrees.copy(example, workspace, rel -> rel.startsWith("build") || rel.startsWith("target")
                || rel.startsWith("node_modules") || rel.startsWith("dist"));
        o.println("demo: " + example.getFileName() + " committed as " + commitAll(workspace) + " in " + workspace);
        return workspace;
    }

    private boolean report(BuildResult result, PrintWriter o) {
        if (!result.succeeded()) {
            spec.commandLine().getErr().println("demo: the example build failed (exit " + result.exitCode() + "); log: " + result.buildLog());
            return false;
        }
        o.println();
        Fields fields = new Fields().add("isolation", BuildCommand.describe(result.egress()));
        for (Artifact a : result.artifacts()) {
            fields.add("output", a.path() + "  sha256:" + a.sha256());
        }
        result.cacheUsage().ifPresent(u -> fields.add("cache", CountText.of(u.hits(), "hit") + ", " + CountText.of(u.misses(), "miss")));
        result.sbom().ifPresent(c -> fields.add("sbom", c.summary()));
        fields.add("provenance", result.provenanceFile().orElseThrow().toString());
        fields.add("build log", result.buildLog().toString());
        fields.print(o);
        result.sbom().ifPresent(c -> SbomCommand.warn(c, spec.commandLine().getErr()));
        return true;
    }

    private Path examplesDir() {
        if (examples != null) {
            return examples;
        }
        String home = System.getenv("HERMETIC_HOME");
        return home != null ? Path.of(home, "examples") : Path.of("examples");
    }

    private static String commitAll(Path workspace) {
        return dev.hermeticbuild.source.FixedCommit.commitAll(workspace, "examples/hello", "hermetic demo", "demo@hermetic-build.dev",
                DEMO_COMMIT_TIME);
    }
}
