package dev.hermeticbuild.source;

import dev.hermeticbuild.InputException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Makes a new repository of a directory with one commit of everything in it, by a fixed author at a
 * fixed time, so the commit id is the same on every run (the demo's examples). Like every git use
 * of the runner it goes through {@link NoExecFs} and {@link NoHostGitConfig}: no hook, filter or
 * host configuration takes part.
 */
public final class FixedCommit {

    static {
        NoHostGitConfig.install();
    }

    private FixedCommit() {
    }

    /** Initialises {@code dir} (branch {@code main}) and commits every file in it; returns the commit id. */
    public static String commitAll(Path dir, String message, String name, String email, Instant when) {
        PersonIdent who = new PersonIdent(name, email, when, ZoneOffset.UTC);
        try (Git git = Git.init().setFs(NoExecFs.INSTANCE).setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).setNoVerify(true)
                    .call().getName();
        } catch (GitAPIException e) {
            throw new InputException("cannot commit " + dir + ": " + e.getMessage(), e);
        }
    }
}
