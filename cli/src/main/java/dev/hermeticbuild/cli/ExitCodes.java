package dev.hermeticbuild.cli;

import java.util.List;

/**
 * The {@code hermetic} command's exit codes, shared by every subcommand: each with the error
 * code {@code --json} gives a failure that names no more precise one, and its meaning (the
 * table in docs/reference/cli.md is generated from {@link #TABLE}).
 */
final class ExitCodes {
    static final int OK = 0;
    static final int CHECK_FAILED = 1;
    static final int INPUT_ERROR = 2;
    static final int ISOLATION_FAILED = 3;
    static final int BUILD_FAILED = 4;
    static final int UNAVAILABLE = 5;
    static final int INTERRUPTED = 130;
    static final int TERMINATED = 143;

    /** One exit code: its number, the error code of a failure with no more precise one, and what it means. */
    record Entry(int exitCode, String code, String meaning) {
    }

    static final List<Entry> TABLE = List.of(
            new Entry(OK, "", "success"),
            new Entry(CHECK_FAILED, "check-failed", "a verification, policy or integrity check failed (each reason printed),"
                    + " or what was asked for is not there (store query, trace)"),
            new Entry(INPUT_ERROR, "input-error", "usage or input error: an unknown or missing option, a bad value, a missing"
                    + " or malformed file (the message names it)"),
            new Entry(ISOLATION_FAILED, "isolation-failed", "the sandbox or its egress block could not be established;"
                    + " the build did not run"),
            new Entry(BUILD_FAILED, "build-failed", "the build command itself failed or timed out; no provenance written"),
            new Entry(UNAVAILABLE, "unavailable", "a registry could not be reached (connection refused, timed out, HTTP 5xx):"
                    + " nothing was wrong with the inputs and nothing partial was kept; retrying may help"),
            new Entry(INTERRUPTED, "", "stopped by SIGINT (Ctrl-C): 128 + 2, as shells report it;"
                    + " the process stops at once and prints no --json report"),
            new Entry(TERMINATED, "", "stopped by SIGTERM: 128 + 15, as shells report it; as for SIGINT"));

    /** The table in one line, under every command's usage. */
    static final String SUMMARY = "%nExit codes: 0 success, 1 check failed, 2 usage or input error, 3 isolation failed,"
            + " 4 build failed, 5 registry unavailable, 130/143 interrupted/terminated (docs/reference/cli.md).";

    private ExitCodes() {
    }

    static String code(int exitCode) {
        return entry(exitCode).code();
    }

    static String meaning(int exitCode) {
        return entry(exitCode).meaning();
    }

    private static Entry entry(int exitCode) {
        return TABLE.stream().filter(e -> e.exitCode() == exitCode).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("exit code " + exitCode + " is not in the table"));
    }
}
