package dev.hermeticbuild.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of walking the whole log: how many records were checked, the head of the chain
 * (keep it elsewhere to detect a truncated tail later), the latest checkpoint when it was
 * checked against the store key, and every problem found, each naming its row.
 *
 * @param records    rows read
 * @param headSeq    sequence number of the last row (0 when empty)
 * @param headHash   hash of the last row ({@link RecordHash#GENESIS} when empty)
 * @param problems   one entry per broken row, in log order
 * @param checkpoint the latest checkpoint, when its signature verified against the store keys given
 */
public record ChainReport(long records, long headSeq, String headHash, List<Problem> problems,
                          Optional<SignedCheckpoint> checkpoint) {

    public ChainReport {
        problems = List.copyOf(problems);
        Objects.requireNonNull(checkpoint, "checkpoint");
    }

    /** A report with no checkpoint checked. */
    public ChainReport(long records, long headSeq, String headHash, List<Problem> problems) {
        this(records, headSeq, headHash, problems, Optional.empty());
    }

    /** One broken row: its sequence number and what is wrong with it. */
    public record Problem(long seq, String reason) {
        @Override
        public String toString() {
            return "record " + seq + ": " + reason;
        }
    }

    /** Whether the chain is intact. */
    public boolean intact() {
        return problems.isEmpty();
    }
}
