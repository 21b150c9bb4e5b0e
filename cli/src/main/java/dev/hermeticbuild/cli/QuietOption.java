package dev.hermeticbuild.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The {@code --quiet} option of the commands that show progress: only results and errors are printed. */
final class QuietOption {

    @Option(names = {"-q", "--quiet"}, description = "Print no progress and no build output, only results and errors"
            + " (the build log is still kept).")
    boolean enabled;

    /** Where live output goes: nowhere when quiet, else {@code to}. */
    OutputStream console(OutputStream to) {
        return enabled ? OutputStream.nullOutputStream() : to;
    }

    /** Where progress lines go: nowhere when quiet, else {@code to}. */
    PrintWriter progress(PrintWriter to) {
        return enabled ? new PrintWriter(OutputStream.nullOutputStream()) : to;
    }
}
