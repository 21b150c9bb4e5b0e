package dev.hermeticbuild.cli;

/** The `hermetic` command's exit codes, shared by every subcommand (see DESIGN.md). */
final class ExitCodes {
    static final int OK = 0;
    static final int CHECK_FAILED = 1;
    static final int INPUT_ERROR = 2;
    static final int ISOLATION_FAILED = 3;
    static final int BUILD_FAILED = 4;

    private ExitCodes() {
    }
}
