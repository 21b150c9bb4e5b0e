package dev.hermeticbuild.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real {@code git} command for tests: to set up repositories the way a user (or an attacker)
 * would, and as the control that shows a planted mechanism really runs. Isolated from the host's
 * git configuration (its own HOME, no system config). Missing git skips, except under CI=true.
 */
public final class GitCli {

    private final Map<String, String> env = new HashMap<>();

    public GitCli(Path home) {
        if (!Cmd.onPath("git")) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("git is not installed, and CI=true: install Debian's git");
            }
            assumeTrue(false, "these tests need the git command (Debian git)");
        }
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_AUTHOR_NAME", "test");
        env.put("GIT_AUTHOR_EMAIL", "test@example.com");
        env.put("GIT_COMMITTER_NAME", "test");
        env.put("GIT_COMMITTER_EMAIL", "test@example.com");
        env.put("GIT_AUTHOR_DATE", "2026-03-04T05:06:07Z");
        env.put("GIT_COMMITTER_DATE", "2026-03-04T05:06:07Z");
    }

    /** Runs git in {@code dir}; fails the test when it fails. */
    public String run(Path dir, String... args) {
        return Cmd.run(env, dir, command(args)).strip();
    }

    /** Runs git in {@code dir} and returns how it ended, failure or not. */
    public Cmd.Result exec(Path dir, String... args) {
        return Cmd.exec(env, dir, command(args));
    }

    /** {@code git init -b main} of {@code dir}, then a commit of everything in it; returns the commit id. */
    public String initAndCommitAll(Path dir) {
        run(dir, "init", "-q", "-b", "main");
        return commitAll(dir);
    }

    /** Adds everything and commits; returns the commit id. */
    public String commitAll(Path dir) {
        run(dir, "add", "-A");
        run(dir, "-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", "test");
        return run(dir, "rev-parse", "HEAD");
    }

    private static String[] command(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("git"));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }
}
