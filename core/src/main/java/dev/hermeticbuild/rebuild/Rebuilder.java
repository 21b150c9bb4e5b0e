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
 * Rebuilds from a provenance statement: the commit, command and outputs come from the statement;
 * the isolation never does. A provenance is input from whoever handed it over, so the rebuild
 * runs at release strength in the rebuilder's own sandbox whatever the statement's {@code tier}
 * or {@code sandbox} say, passes only the environment variables the rebuilder allows, and
 * resolves every path against the fresh checkout with real paths. The commit is checked out
 * fresh from the given repository, built (optionally varied), and every subject's digest
 * compared; where the original outputs are at hand, differences are explained.
 */
public final class Rebuilder {

    /**
     * @param checkout a git repository that contains the recorded commit
     * @param originals where the original outputs are (e.g. the original build's OUT), to explain mismatches
     * @param sandbox the rebuilder's sandbox choice ({@code none} is refused)
     * @param allowedEnvironment host variables the rebuilder lets through when the statement names them
     */
    public record Request(RecordedBuild recorded, Path checkout, Path outDir, Optional<Path> cache, Optional<Path> originals,
                          Set<Variation> variations, String builderId, SandboxMode sandbox, Set<String> allowedEnvironment) {

        public Request {
            allowedEnvironment = Set.copyOf(allowedEnvironment);
            if (sandbox == SandboxMode.NONE) {
                throw new InputException("--sandbox none: a rebuild always runs isolated, at release strength");
            }
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
            Path workspace = workspaceIn(source, r.recorded());
            Path out = r.outDir().toAbsolutePath().normalize();
            BuildRequest request = new BuildRequest(workspace, out.resolve("rebuilt"),
                    r.recorded().outputs().stream().map(OutputGlob::new).toList(), r.recorded().command(),
                    r.sandbox(), Tier.RELEASE, r.builderId(),
                    allowedEnvironment(r), r.recorded().timeout(), Optional.empty(), r.cache(), plan.variation());
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

    /**
     * The recorded working directory inside the fresh checkout, by real path: a directory that is
     * a symlink in the commit cannot make the sandbox's workspace a host directory.
     */
    static Path workspaceIn(Path source, RecordedBuild recorded) throws IOException {
        Path root = source.toRealPath();
        Path candidate = root.resolve(recorded.workingDirectory()).normalize();
        if (!candidate.startsWith(root) || !Files.isDirectory(candidate)) {
            throw new InputException("workingDirectory " + recorded.workingDirectory() + " is not a directory of commit " + recorded.commit());
        }
        Path real = candidate.toRealPath();
        if (!real.startsWith(root)) {
            throw new InputException("workingDirectory " + recorded.workingDirectory() + " of commit " + recorded.commit()
                    + " resolves through a symlink to " + real + ", outside the checkout: refused");
        }
        return real;
    }

    /** The statement's passed variable names, each of which the rebuilder must have allowed. */
    private static List<String> allowedEnvironment(Request r) {
        List<String> refused = r.recorded().passedEnvironment().stream().filter(n -> !r.allowedEnvironment().contains(n)).toList();
        if (!refused.isEmpty()) {
            throw new InputException("the provenance asks to pass the host variable(s) " + refused + " into the rebuild;"
                    + " a provenance may not choose what of the rebuilder's environment it reads: allow each with --allow-env NAME");
        }
        return r.recorded().passedEnvironment();
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
