package dev.hermeticbuild.cli;

import dev.hermeticbuild.cache.Prefetcher;
import java.io.PrintWriter;
import java.util.Locale;

/** Prefetch progress on stderr: a line at every tenth of the inputs (and the last), count and megabytes. */
final class ProgressLine implements Prefetcher.Progress {

    private final PrintWriter err;
    private int lastTenth = -1;

    ProgressLine(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void update(int done, int total, long bytesFetched) {
        int tenth = done * 10 / total;
        if (tenth != lastTenth) {
            lastTenth = tenth;
            err.println("prefetch: " + done + "/" + total + " inputs, " + megabytes(bytesFetched) + " downloaded");
            err.flush();
        }
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }
}
