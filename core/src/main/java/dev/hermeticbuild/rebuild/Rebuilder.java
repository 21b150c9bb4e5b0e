package dev.hermeticbuild.rebuild;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.artifacts.Artifact;
import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.build.BuildRequest;
import dev.hermeticbuild.build.BuildResult;
import dev.hermeticbuild.build.BuildSource;
import dev.hermeticbuild.build.HermeticBuild;
import dev.hermeticbuild.build.Tier;
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
 * Rebuilds from a provenance statement: the commit, command, outputs, tier and sandbox come from
 * the statement, not from the user. The commit is exported fresh from the given repository's objects,
 * built in a fresh sandbox (optionally varied), and every subject's digest compared; where the
 * original outputs are at hand, differences are explained.
 */
public final class Rebuilder {

    /**
     * @param checkout a git repository that contains the recorded commit
     * @param originals where the original outputs are (e.g. the original build's OUT), to explain mismatches
     */
    public record Request(RecordedBuild recorded, Path checkout, Path outDir, Optional<Path> cache, Optional<Path> originals,
                          Set<Variation> variations, String builderId) {
    }

    private Rebuilder() {
    }

    public static ReproducibilityReport rebuild(Request r, OutputStream console, Map<String, String> hostEnvironment) {
        VariationPlan plan = VariationPlan.of(r.variations());
        Path scratch = null;
        Path shuffled = null;
        try {
            scratch = Files.createTempDirectory("hermetic-rebuild-");
            String path = repositoryPath(r.recorded().workingDirectory());
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
            BuildRequest request = new BuildRequest(exported, out.resolve("rebuilt"),
                    r.recorded().outputs().stream().map(OutputGlob::new).toList(), r.recorded().command(),
                    SandboxMode.parse(r.recorded().sandbox()), Tier.parse(r.recorded().tier()), r.builderId(),
                    r.recorded().passedEnvironment(), r.recorded().timeout(), Optional.empty(), r.cache(), plan.variation());
            BuildResult result = HermeticBuild.run(request, source, console, hostEnvironment);
            if (!result.succeeded()) {
                return ReproducibilityReport.failed("the rebuild failed (exit " + result.exitCode() + "; log " + result.buildLog()
                        + "): a failed rebuild, not a mismatch", plan.outcomes());
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

    private static ReproducibilityReport compare(Request r, BuildResult result, Path out, List<VariationPlan.Outcome> variations) {
        List<ReproducibilityReport.SubjectResult> subjects = new ArrayList<>();
        for (var recorded : r.recorded().subjects().entrySet()) {
            Optional<Artifact> rebuilt = result.artifacts().stream().filter(a -> a.path().equals(recorded.getKey())).findFirst();
            String actual = rebuilt.map(Artifact::sha256).orElse(null);
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
