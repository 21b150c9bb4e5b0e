package dev.hermeticbuild.rebuild;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.artifacts.Artifact;
import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.build.BuildRequest;
import dev.hermeticbuild.build.BuildResult;
import dev.hermeticbuild.build.HermeticBuild;
import dev.hermeticbuild.build.Tier;
import dev.hermeticbuild.sandbox.SandboxMode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Rebuilds from a provenance statement: the commit, command, outputs, tier and sandbox come from
 * the statement, not from the user. The commit is checked out fresh from the given repository,
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
            Path source = checkOut(r.checkout(), r.recorded().commit(), scratch.resolve("source"));
            if (plan.shuffleFileOrder()) {
                shuffled = Files.createDirectories(scratch.resolve("shuffled"));
                ReproducibilityCheck.Disorderfs.mount(source, shuffled);
                source = shuffled;
            }
            Path workspace = source.resolve(r.recorded().workingDirectory()).normalize();
            if (!workspace.startsWith(source) || !Files.isDirectory(workspace)) {
                throw new InputException("workingDirectory " + r.recorded().workingDirectory() + " is not a directory of commit " + r.recorded().commit());
            }
            Path out = r.outDir().toAbsolutePath().normalize();
            BuildRequest request = new BuildRequest(workspace, out.resolve("rebuilt"),
                    r.recorded().outputs().stream().map(OutputGlob::new).toList(), r.recorded().command(),
                    SandboxMode.parse(r.recorded().sandbox()), Tier.parse(r.recorded().tier()), r.builderId(),
                    r.recorded().passedEnvironment(), r.recorded().timeout(), Optional.empty(), r.cache(), plan.variation());
            BuildResult result = HermeticBuild.run(request, console, hostEnvironment);
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

    /** A fresh checkout of {@code commit} from the repository at {@code repository}; the commit must be there. */
    static Path checkOut(Path repository, String commit, Path target) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(repository.toAbsolutePath().toFile());
        if (builder.getGitDir() == null) {
            throw new InputException("-C " + repository + " is not a git repository");
        }
        try (Repository repo = builder.setMustExist(true).build()) {
            ObjectId id = repo.resolve(commit + "^{commit}");
            if (id == null) {
                throw new InputException("commit " + commit + " is not in the checkout " + repository + " (fetch it first)");
            }
        } catch (org.eclipse.jgit.errors.MissingObjectException e) {
            throw new InputException("commit " + commit + " is not in the checkout " + repository + " (fetch it first)", e);
        } catch (IOException e) {
            throw new InputException("cannot read the repository " + repository + ": " + e.getMessage(), e);
        }
        try (Git git = Git.cloneRepository().setURI(builder.getGitDir().toURI().toString()).setDirectory(target.toFile())
                .setNoCheckout(true).call()) {
            git.checkout().setName(commit).call();
            return target;
        } catch (GitAPIException e) {
            throw new InputException("cannot check out " + commit + " from " + repository + ": " + e.getMessage(), e);
        }
    }
}
