package dev.hermeticbuild.rebuild;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.artifacts.Artifact;
import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.build.BuildRequest;
import dev.hermeticbuild.build.BuildResult;
import dev.hermeticbuild.build.BuildSource;
import dev.hermeticbuild.build.BuildVariation;
import dev.hermeticbuild.build.HermeticBuild;
import dev.hermeticbuild.provenance.Toolchain;
import dev.hermeticbuild.sandbox.SandboxMode;
import dev.hermeticbuild.source.SourceRepository;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rebuilds from a provenance statement: the commit, command and outputs come from the statement;
 * the isolation never does. A provenance is input from whoever handed it over, so the rebuild
 * runs at release strength in the rebuilder's own sandbox whatever the statement's {@code tier}
 * or {@code sandbox} say, passes only the environment variables the rebuilder allows, and
 * resolves every path against the fresh checkout with real paths. The commit is exported
 * fresh from the given repository's objects, built (optionally varied), and every subject's digest
 * compared; where the original outputs are at hand, differences are explained.
 */
public final class Rebuilder {

    /**
     * @param checkout a git repository that contains the recorded commit
     * @param originals where the original outputs are (e.g. the original build's OUT), to explain mismatches
     * @param sandbox the rebuilder's sandbox choice ({@code none} is refused)
     * @param allowedEnvironment host variables the rebuilder lets through when the statement names them
     * @param toolchains installations the rebuilder offers for the recorded toolchains, by kind ({@code --toolchain jdk=PATH})
     * @param lock the Maven lock outside the source tree ({@code --lock}): required, with the recorded
     *     digest, when the statement records one; refused when it does not
     */
    public record Request(RecordedBuild recorded, Path checkout, Path outDir, Optional<Path> cache, Optional<Path> originals,
                          Set<Variation> variations, String builderId, SandboxMode sandbox, Set<String> allowedEnvironment,
                          Map<String, List<Path>> toolchains, Optional<Path> lock) {

        public Request {
            allowedEnvironment = Set.copyOf(allowedEnvironment);
            toolchains = Map.copyOf(toolchains);
            if (sandbox == SandboxMode.NONE) {
                throw new InputException("--sandbox none: a rebuild always runs isolated, at release strength");
            }
        }

        /** A request offering no toolchain of its own (the recorded ones must be at their recorded paths) and no lock outside the tree. */
        public Request(RecordedBuild recorded, Path checkout, Path outDir, Optional<Path> cache, Optional<Path> originals,
                       Set<Variation> variations, String builderId, SandboxMode sandbox, Set<String> allowedEnvironment) {
            this(recorded, checkout, outDir, cache, originals, variations, builderId, sandbox, allowedEnvironment, Map.of(), Optional.empty());
        }

        /** The rebuilder's defaults: the strongest sandbox available, no host variable passed. */
        public Request(RecordedBuild recorded, Path checkout, Path outDir, Optional<Path> cache, Optional<Path> originals,
                       Set<Variation> variations, String builderId) {
            this(recorded, checkout, outDir, cache, originals, variations, builderId, SandboxMode.AUTO, Set.of());
        }
    }

    private Rebuilder() {
    }

    public static ReproducibilityReport rebuild(Request r, OutputStream console, Map<String, String> hostEnvironment) {
        VariationPlan plan = VariationPlan.of(r.variations());
        ToolchainMatch.Choice toolchains = ToolchainMatch.choose(r.recorded().toolchains(), r.toolchains());
        Path scratch = null;
        Path shuffled = null;
        try {
            scratch = Files.createTempDirectory("hermetic-rebuild-");
            String path = repositoryPath(r.recorded().workingDirectory());
            Optional<Path> lock = recordedLock(r);
            BuildSource source;
            try (SourceRepository repo = openCheckout(r.checkout())) {
                source = BuildSource.exportOf(repo, repo.commit(r.recorded().commit()), path, scratch.resolve("source"));
            }
            Path exported = source.directory();
            if (plan.shuffleFileOrder()) {
                shuffled = Files.createDirectories(scratch.resolve("shuffled"));
                ReproducibilityCheck.Disorderfs.mount(exported, shuffled);
                source = new BuildSource(source.state(), shuffled, false, List.of(), false);
            }
            Path out = r.outDir().toAbsolutePath().normalize();
            BuildRequest request = BuildRequest.builder()
                    .workspace(exported).outDir(out.resolve("rebuilt"))
                    .outputs(r.recorded().outputs().stream().map(OutputGlob::new).toList()).command(r.recorded().command())
                    .sandbox(r.sandbox()).builderId(r.builderId())
                    .passEnv(passedEnvironment(r, toolchains)).timeout(r.recorded().timeout()).cache(r.cache())
                    .variation(withPath(plan.variation(), toolchains)).lock(lock).image(r.recorded().image())
                    .build();
            Map<String, String> host = new java.util.HashMap<>(hostEnvironment);
            host.putAll(toolchains.environment());
            BuildResult result = HermeticBuild.run(request, source, console, host);
            if (!result.succeeded()) {
                return ReproducibilityReport.failed("the rebuild failed (exit " + result.exitCode() + "; log " + result.buildLog()
                        + "): a failed rebuild, not a mismatch", plan.outcomes());
            }
            Optional<String> missing = missingToolchain(toolchains, result);
            if (missing.isPresent()) {
                return ReproducibilityReport.failed(missing.get(), plan.outcomes());
            }
            return compare(r, result, out, plan.outcomes());
        } catch (IOException e) {
            throw new InputException("rebuild: " + e.getMessage(), e);
        } finally {
            if (shuffled != null) {
                ReproducibilityCheck.Disorderfs.unmount(shuffled);
            }
            dev.hermeticbuild.FileTrees.deleteQuietly(scratch);
        }
    }

    /**
     * The lock the recorded build read from outside its source tree, given as {@code --lock} and
     * checked against the recorded digest: the rebuild must use the same pinned inputs.
     */
    private static Optional<Path> recordedLock(Request r) {
        var recorded = r.recorded().externalLock();
        if (recorded.isEmpty()) {
            if (r.lock().isPresent()) {
                throw new InputException("--lock " + r.lock().get() + ": the recorded build read no lock from outside its source"
                        + " tree (its lock, if any, is in the commit); drop --lock");
            }
            return Optional.empty();
        }
        if (r.lock().isEmpty()) {
            throw new InputException("the provenance records a Maven lock read from outside the source tree (sha256:"
                    + recorded.get().sha256() + ", at " + recorded.get().path() + "): pass that lock with --lock FILE");
        }
        var given = dev.hermeticbuild.lock.ExternalLock.read("--lock", r.lock().get(), List.of(r.checkout(), r.outDir()));
        if (!given.sha256().equals(recorded.get().sha256())) {
            throw new InputException("--lock " + r.lock().get() + " has sha256:" + given.sha256() + ", but the recorded build read"
                    + " sha256:" + recorded.get().sha256() + " (" + recorded.get().path() + "): not the lock it was built with");
        }
        return r.lock();
    }

    /**
     * The statement's passed variable names, each of which the rebuilder must have allowed, unless
     * its value is a matched toolchain ({@code JAVA_HOME}): then it is the installation found here by digest.
     */
    private static List<String> passedEnvironment(Request r, ToolchainMatch.Choice toolchains) {
        List<String> refused = r.recorded().passedEnvironment().stream()
                .filter(n -> !r.allowedEnvironment().contains(n) && !toolchains.environment().containsKey(n)).toList();
        if (!refused.isEmpty()) {
            throw new InputException("the provenance asks to pass the host variable(s) " + refused + " into the rebuild;"
                    + " a provenance may not choose what of the rebuilder's environment it reads: allow each with --allow-env NAME");
        }
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(r.recorded().passedEnvironment());
        names.addAll(toolchains.environment().keySet());
        return List.copyOf(names);
    }

    /** The variation with PATH leading to the matched toolchains, when the fixed PATH alone would find others. */
    private static BuildVariation withPath(BuildVariation variation, ToolchainMatch.Choice toolchains) {
        if (toolchains.path().isEmpty()) {
            return variation;
        }
        Map<String, String> env = new java.util.LinkedHashMap<>(variation.environment());
        env.put("PATH", toolchains.path().get());
        return new BuildVariation(variation.hostname(), variation.workspaceMount(), variation.umask(), env, variation.commandPrefix());
    }

    /** A recorded toolchain the rebuild, as its own runner read it, was not given: a failed rebuild, never a comparison. */
    private static Optional<String> missingToolchain(ToolchainMatch.Choice toolchains, BuildResult result) {
        for (Toolchain want : toolchains.matched()) {
            boolean given = result.toolchains().stream().anyMatch(t -> t.kind().equals(want.kind()) && t.digest().equals(want.digest()));
            if (!given) {
                return Optional.of("the rebuild was not given the recorded toolchain " + want.kind() + " " + want.digest()
                        + " (it had " + result.toolchains() + "): a failed rebuild, not a mismatch");
            }
        }
        return Optional.empty();
    }

    private static ReproducibilityReport compare(Request r, BuildResult result, Path out, List<VariationPlan.Outcome> variations) {
        List<ReproducibilityReport.SubjectResult> subjects = new ArrayList<>();
        for (var recorded : r.recorded().subjects().entrySet()) {
            // the rebuilt statement's subjects: an image output is its manifest digests, not the files of its layout
            String actual = result.statement().flatMap(s -> s.subject().stream().filter(d -> recorded.getKey().equals(d.name())).findFirst())
                    .map(d -> d.digest().get("sha256"))
                    .orElseGet(() -> result.artifacts().stream().filter(a -> a.path().equals(recorded.getKey())).findFirst()
                            .map(Artifact::sha256).orElse(null));
            List<String> why = List.of();
            if (actual == null) {
                why = List.of(recorded.getKey() + ": the rebuild did not produce it");
            } else if (!actual.equals(recorded.getValue())) {
                Optional<Path> original = r.originals().map(d -> d.resolve(recorded.getKey())).filter(Files::isRegularFile);
                why = original.map(o -> ArtifactDiff.explain(recorded.getKey(), o, out.resolve("rebuilt").resolve(recorded.getKey())))
                        .orElse(List.of(recorded.getKey() + ": digest differs; pass --artifacts DIR (the original outputs) to see how"));
            }
            subjects.add(new ReproducibilityReport.SubjectResult(recorded.getKey(), recorded.getValue(), actual, why));
        }
        boolean same = subjects.stream().allMatch(ReproducibilityReport.SubjectResult::reproducible);
        return new ReproducibilityReport(same ? ReproducibilityReport.Status.REPRODUCIBLE : ReproducibilityReport.Status.NOT_REPRODUCIBLE,
                subjects, variations, null, List.of());
    }

    /** The recorded workingDirectory as a path in the repository ("" for its root); no way out of it. */
    static String repositoryPath(String workingDirectory) {
        Path p = Path.of(workingDirectory).normalize();
        if (p.isAbsolute() || p.startsWith("..")) {
            throw new InputException("workingDirectory " + workingDirectory + " is not a path inside the repository");
        }
        return p.toString().equals(".") ? "" : p.toString().replace('\\', '/');
    }

    private static SourceRepository openCheckout(Path checkout) {
        return SourceRepository.discover(checkout.toAbsolutePath())
                .orElseThrow(() -> new InputException("-C " + checkout + " is not a git repository"));
    }
}
