package dev.hermeticbuild.source;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads the git state of a workspace through {@link SourceRepository}: no {@code git} binary, no
 * filter, hook or other command the repository configures, no trust in the index.
 */
public final class SourceInspector {

    private SourceInspector() {
    }

    public static SourceState inspect(Path workspace) {
        Path dir = workspace.toAbsolutePath().normalize();
        Optional<SourceRepository> found = SourceRepository.discover(dir);
        if (found.isEmpty()) {
            return SourceState.notVersioned();
        }
        try (SourceRepository repo = found.get()) {
            Optional<GitCommit> head = repo.head();
            if (head.isEmpty()) {
                return SourceState.notVersioned();
            }
            String sub = pathInRepository(repo, dir);
            var differences = WorkTreeComparison.compare(repo, head.get(), sub);
            GitCommit commit = head.get();
            return new SourceState(Optional.of(commit.id()), Optional.of(commit.commitTimeEpochSeconds()), repo.remoteUrl(),
                    sub, relative(differences.changed(), sub), relative(differences.untracked(), sub),
                    relative(differences.ignored(), sub), Optional.of(commit.tree()), repo.refOf(commit));
        }
    }

    /** Where {@code dir} lies in the repository's work tree, with '/' separators ("" at its root). */
    static String pathInRepository(SourceRepository repo, Path dir) {
        try {
            return repo.workTree().relativize(dir.toRealPath()).toString().replace('\\', '/');
        } catch (java.io.IOException e) {
            throw new dev.hermeticbuild.InputException(dir + ": " + e.getMessage(), e);
        }
    }

    private static List<String> relative(Collection<String> paths, String sub) {
        TreeSet<String> result = new TreeSet<>();
        String prefix = sub.isEmpty() ? "" : sub + "/";
        for (String p : paths) {
            if (p.startsWith(prefix)) {
                result.add(p.substring(prefix.length()));
            } else if (prefix.isEmpty()) {
                result.add(p);
            }
        }
        return List.copyOf(result);
    }
}
