package dev.hermeticbuild.source;

import dev.hermeticbuild.HermeticException;

/**
 * JGit asked to run a command while the runner read a repository (a filter, most likely, set in
 * the repository's config): the runner never runs what a workspace configures. Exit code 1.
 */
public final class GitExecutionRefused extends HermeticException {

    GitExecutionRefused(String command) {
        super("refused to run '" + command + "' for git: the runner reads repositories without running anything they"
                + " configure (filters, hooks, fsmonitor); remove the setting from the repository's .git/config");
    }

    @Override
    public int exitCode() {
        return 1;
    }
}
