package dev.hermeticbuild.source;

import java.util.List;
import java.util.Optional;

/**
 * What went in, as seen before the build: the git commit of the workspace, its tree, its commit
 * time (the build's SOURCE_DATE_EPOCH), the remote, and every path that differs from the commit.
 *
 * @param commit HEAD's full SHA-1, empty outside a git repository
 * @param commitTimeEpochSeconds HEAD's committer time, empty outside a git repository
 * @param remoteUrl the fetch URL of {@code origin} (or the only remote), if any
 * @param pathInRepository the workspace's path relative to the repository root ("" at the root)
 * @param changed tracked files modified, added, removed or conflicting, relative to the workspace
 * @param untracked untracked files not ignored
 * @param ignored ignored files present in the workspace (never part of a release build, which builds an export)
 * @param tree the id of the commit's root tree, empty outside a git repository
 * @param ref the branch or tag that names the commit ({@code refs/heads/main}), when one does
 */
public record SourceState(Optional<String> commit, Optional<Long> commitTimeEpochSeconds, Optional<String> remoteUrl,
                          String pathInRepository, List<String> changed, List<String> untracked, List<String> ignored,
                          Optional<String> tree, Optional<String> ref) {

    public SourceState {
        changed = List.copyOf(changed);
        untracked = List.copyOf(untracked);
        ignored = List.copyOf(ignored);
    }

    public static SourceState notVersioned() {
        return new SourceState(Optional.empty(), Optional.empty(), Optional.empty(), "", List.of(), List.of(), List.of(),
                Optional.empty(), Optional.empty());
    }

    /** The state of a fresh export of {@code commit}: nothing differs from it. */
    public static SourceState exported(GitCommit commit, Optional<String> remoteUrl, String pathInRepository, Optional<String> ref) {
        return new SourceState(Optional.of(commit.id()), Optional.of(commit.commitTimeEpochSeconds()), remoteUrl,
                pathInRepository, List.of(), List.of(), List.of(), Optional.of(commit.tree()), ref);
    }

    public boolean versioned() {
        return commit.isPresent();
    }

    public boolean dirty() {
        return !changed.isEmpty() || !untracked.isEmpty();
    }
}
