package dev.hermeticbuild.source;

import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Reads the git state of a workspace with JGit (no {@code git} binary, no hooks, no config side effects). */
public final class SourceInspector {

    private SourceInspector() {
    }

    public static SourceState inspect(Path workspace) {
        Path dir = workspace.toAbsolutePath().normalize();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(dir.toFile());
        if (builder.getGitDir() == null) {
            return SourceState.notVersioned();
        }
        try (Repository repo = builder.setMustExist(true).build(); Git git = new Git(repo)) {
            ObjectId head = repo.resolve(Constants.HEAD);
            if (head == null) {
                return SourceState.notVersioned();
            }
            RevCommit commit;
            try (RevWalk walk = new RevWalk(repo)) {
                commit = walk.parseCommit(head);
            }
            Path root = repo.getWorkTree().toPath().toRealPath();
            String sub = root.relativize(dir.toRealPath()).toString().replace('\\', '/');
            Status status = sub.isEmpty() ? git.status().call() : git.status().addPath(sub).call();
            List<String> changed = new ArrayList<>();
            changed.addAll(status.getModified());
            changed.addAll(status.getChanged());
            changed.addAll(status.getAdded());
            changed.addAll(status.getRemoved());
            changed.addAll(status.getMissing());
            changed.addAll(status.getConflicting());
            return new SourceState(Optional.of(commit.getName()), Optional.of((long) commit.getCommitTime()),
                    remoteUrl(repo), sub, relative(changed, sub), relative(status.getUntracked(), sub),
                    relative(status.getIgnoredNotInIndex(), sub));
        } catch (IOException | GitAPIException e) {
            throw new InputException("cannot read the git repository of " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Optional<String> remoteUrl(Repository repo) {
        var config = repo.getConfig();
        String url = config.getString("remote", "origin", "url");
        if (url == null) {
            var remotes = config.getSubsections("remote");
            if (remotes.size() == 1) {
                url = config.getString("remote", remotes.iterator().next(), "url");
            }
        }
        return Optional.ofNullable(url);
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
