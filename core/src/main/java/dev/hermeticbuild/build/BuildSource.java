package dev.hermeticbuild.build;

import dev.hermeticbuild.PolicyException;
import dev.hermeticbuild.lock.ProjectLock;
import dev.hermeticbuild.source.GitCommit;
import dev.hermeticbuild.source.SourceExport;
import dev.hermeticbuild.source.SourceInspector;
import dev.hermeticbuild.source.SourceRepository;
import dev.hermeticbuild.source.SourceState;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The tree a build runs in and what the runner read of it before the build: the workspace itself
 * (a dev build, in place, its repository's {@code .git} shown read-only), or a fresh export of
 * the commit (a release build, a reproducibility check, a rebuild), which has no {@code .git} and
 * holds only the commit's bytes, whatever the work tree or the index say.
 *
 * @param state the source the provenance records
 * @param directory where the build runs (the workspace, or the export)
 * @param inPlace whether {@code directory} is the workspace
 * @param protectedPaths in a build in place, the git paths inside the workspace, relative to it
 * @param hadDotGit in a build in place, whether the workspace had a {@code .git} of its own before
 */
public record BuildSource(SourceState state, Path directory, boolean inPlace, List<Path> protectedPaths, boolean hadDotGit) {

    public BuildSource {
        protectedPaths = List.copyOf(protectedPaths);
    }

    /** A fresh export of {@code path} of {@code commit} at {@code target}, to build instead of a workspace. */
    public static BuildSource exportOf(SourceRepository repo, GitCommit commit, String path, Path target) {
        SourceExport.ExportedTree tree = SourceExport.export(repo, commit, path, target);
        return new BuildSource(SourceState.exported(commit, repo.remoteUrl(), path, repo.refOf(commit)), tree.directory(), false, List.of(), false);
    }

    /**
     * What {@link HermeticBuild} builds when the caller gives no tree: at the release tier, a fresh
     * export (at {@code exportTarget}) of the workspace's commit, refused when the work tree differs
     * from it (together with every unpinned input {@code lockOf} finds in the working tree); at the
     * dev tier, the workspace in place.
     */
    static BuildSource prepare(Path workspace, Tier tier, Path exportTarget, Function<Path, ProjectLock> lockOf) {
        SourceState state = SourceInspector.inspect(workspace);
        if (tier != Tier.RELEASE) {
            return new BuildSource(state, workspace, true, SourceRepository.gitPathsInside(workspace),
                    Files.exists(workspace.resolve(".git"), LinkOption.NOFOLLOW_LINKS));
        }
        ReleasePreflight.refuseUnfitSource(state, workspace, lockOf);
        try (SourceRepository repo = SourceRepository.open(workspace)) {
            GitCommit commit = repo.commit(state.commit().orElseThrow());
            SourceExport.ExportedTree tree = SourceExport.export(repo, commit, state.pathInRepository(), exportTarget);
            return new BuildSource(state, tree.directory(), false, List.of(), false);
        }
    }

    /**
     * After a build in place: a {@code .git} the build made at the workspace root would decide what
     * the next build believes its source is. It is removed, and the build fails.
     */
    void refusePlantedGit() {
        Path dotGit = directory.resolve(".git");
        if (inPlace && !hadDotGit && Files.exists(dotGit, LinkOption.NOFOLLOW_LINKS)) {
            dev.hermeticbuild.FileTrees.deleteQuietly(dotGit);
            throw new PolicyException("the build created " + dotGit + ": a .git in the workspace would decide what the next"
                    + " build records as its source. It has been removed; no provenance was written");
        }
    }

    /** A release builds a commit: refused outside git, and when the work tree differs from the commit. */
    public static void refuseUnfitForRelease(SourceState source, Path workspace) {
        List<ReleaseRefusal> refusals = ReleasePreflight.ofSource(source, workspace);
        if (!refusals.isEmpty()) {
            throw new ReleaseRefusedException(refusals);
        }
    }
}
