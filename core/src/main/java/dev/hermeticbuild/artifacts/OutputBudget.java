package dev.hermeticbuild.artifacts;

import dev.hermeticbuild.PolicyException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The total number of bytes the outputs of one build may put into OUT: checked on the sizes of
 * the matched files before anything is copied, and again on every byte while copying (a file
 * that grows after it was measured cannot slip past). A refusal names the output and the limit.
 */
public final class OutputBudget {

    private final long limitBytes;
    private long used;

    public OutputBudget(long limitBytes) {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("output limit must be positive: " + limitBytes);
        }
        this.limitBytes = limitBytes;
    }

    /** No limit: for callers that copy outputs they trust. */
    public static OutputBudget unlimited() {
        return new OutputBudget(Long.MAX_VALUE);
    }

    /** Refuses when {@code total} bytes of outputs, {@code largest} among them, would exceed the limit. */
    void checkTotal(long total, String largest) {
        if (total > limitBytes) {
            throw refusal(largest, total);
        }
    }

    /** A stream that counts what {@code output} writes through it against the budget, refusing the first byte over. */
    OutputStream guard(OutputStream out, String output) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                take(1, output);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                take(len, output);
                out.write(b, off, len);
            }
        };
    }

    private void take(long bytes, String output) {
        if (bytes > limitBytes - used) {
            throw refusal(output, used + bytes);
        }
        used += bytes;
    }

    private PolicyException refusal(String output, long total) {
        return new PolicyException("outputs exceed the limit of " + limitBytes + " bytes in total (--limit outputs=..."
                + "): at output " + output + " they come to at least " + total + " bytes; nothing was copied to OUT");
    }
}
