package dev.hermeticbuild.build;

import dev.hermeticbuild.HermeticException;
import dev.hermeticbuild.Printable;
import dev.hermeticbuild.lock.LockfileException;
import dev.hermeticbuild.lock.PinPolicy;
import dev.hermeticbuild.lock.ProjectLock;
import dev.hermeticbuild.source.SourceState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The release tier's checks of what goes in, made before anything runs and reported together:
 * the source (a git commit, the working tree equal to it) and the inputs (every lockfile
 * readable, every dependency pinned with a strong hash).
 */
final class ReleasePreflight {

    private ReleasePreflight() {
    }

    /** What is wrong with {@code source} for a release: outside git, or a working tree that differs from the commit. */
    static List<ReleaseRefusal> ofSource(SourceState source, Path workspace) {
        if (!source.versioned()) {
            return List.of(new ReleaseRefusal(ReleaseRefusal.Code.NOT_IN_GIT,
                    Printable.escape(workspace) + " is not in a git repository with a commit"));
        }
        if (source.dirty()) {
            return List.of(new ReleaseRefusal(ReleaseRefusal.Code.DIRTY_TREE, "the working tree differs from commit "
                    + source.commit().orElseThrow() + " (a release builds the commit, not the working tree): changed "
                    + HermeticBuild.named(source.changed()) + ", untracked " + HermeticBuild.named(source.untracked())));
        }
        return List.of();
    }

    /**
     * Refuses an unfit source with every refusal there is: the source's, and those of the inputs
     * as the working tree has them (the commit's may differ, but a user fixes them all in one go).
     */
    static void refuseUnfitSource(SourceState source, Path workspace, Function<Path, ProjectLock> lockOf) {
        List<ReleaseRefusal> refusals = new ArrayList<>(ofSource(source, workspace));
        if (!refusals.isEmpty()) {
            try {
                refusals.addAll(inputs(workspace, lockOf).refusals());
            } catch (HermeticException e) {
                refusals.add(new ReleaseRefusal(ReleaseRefusal.Code.LOCK_INVALID, Printable.escape(e.getMessage())));
            }
            throw new ReleaseRefusedException(refusals);
        }
    }

    /** The lock of {@code tree}, or a refusal listing every lockfile that cannot be read and every unpinned input. */
    static ProjectLock lockOrRefuse(Path tree, Function<Path, ProjectLock> lockOf) {
        Inputs inputs = inputs(tree, lockOf);
        if (!inputs.refusals().isEmpty()) {
            throw new ReleaseRefusedException(inputs.refusals());
        }
        return inputs.lock().orElseThrow();
    }

    private record Inputs(Optional<ProjectLock> lock, List<ReleaseRefusal> refusals) {
    }

    private static Inputs inputs(Path tree, Function<Path, ProjectLock> lockOf) {
        ProjectLock lock;
        try {
            lock = lockOf.apply(tree);
        } catch (LockfileException e) {
            return new Inputs(Optional.empty(), List.of(new ReleaseRefusal(ReleaseRefusal.Code.LOCK_INVALID, Printable.escape(e.getMessage()))));
        }
        List<ReleaseRefusal> unpinned = PinPolicy.violations(lock, tree).stream()
                .map(v -> new ReleaseRefusal(ReleaseRefusal.Code.UNPINNED_INPUT, Printable.escape(v))).toList();
        return new Inputs(Optional.of(lock), unpinned);
    }
}
