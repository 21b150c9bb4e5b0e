package dev.hermeticbuild;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** Real git repositories for tests, made with JGit, with a fixed commit time. */
public final class GitFixture {

    public static final Instant COMMIT_TIME = Instant.parse("2026-03-04T05:06:07Z");

    private GitFixture() {
    }

    /** Initialises {@code dir} as a repository with origin {@code remote} and commits every file in it. */
    public static String commitAll(Path dir, String remote) throws IOException, GitAPIException {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            if (remote != null) {
                var config = git.getRepository().getConfig();
                config.setString("remote", "origin", "url", remote);
                config.save();
            }
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("test", "test@example.com", COMMIT_TIME, ZoneOffset.UTC);
            return git.commit().setMessage("test").setAuthor(who).setCommitter(who).setSign(false).call().getName();
        }
    }

    public static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
