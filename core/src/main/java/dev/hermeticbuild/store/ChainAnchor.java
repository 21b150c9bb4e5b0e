package dev.hermeticbuild.store;

import dev.hermeticbuild.InputException;

/**
 * A head of the log seen earlier and kept outside the store ({@code SEQ:HASH}, as {@code store
 * verify} prints it). Verifying against it detects what the chain alone cannot: rows cut off the
 * end, or the log rewritten with recomputed hashes.
 */
public record ChainAnchor(long seq, String hash) {

    public ChainAnchor {
        if (seq < 1 || !Digests.isSha256Hex(hash)) {
            throw new InputException("chain anchor " + seq + ":" + hash + ": expected SEQ:HASH (a record number"
                    + " from 1 and 64 lowercase hex digits), as store verify prints the head");
        }
    }

    /** Parses {@code SEQ:HASH}; {@code option} names it in errors. */
    public static ChainAnchor parse(String option, String text) {
        int colon = text.indexOf(':');
        try {
            if (colon > 0) {
                return new ChainAnchor(Long.parseLong(text.substring(0, colon).strip()), text.substring(colon + 1).strip());
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InputException(option + " " + text + ": expected SEQ:HASH, as store verify prints the head");
    }

    @Override
    public String toString() {
        return seq + ":" + hash;
    }
}
