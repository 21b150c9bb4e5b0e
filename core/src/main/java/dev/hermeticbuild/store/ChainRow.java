package dev.hermeticbuild.store;

/**
 * One row of the log as stored, before decoding: what linking a record to a later checkpoint needs.
 *
 * @param content the canonical JSON the hash covers
 */
public record ChainRow(long seq, String prevHash, String hash, String content) {

    /** Whether the stored hash is the one recomputed from position, link and content. */
    public boolean hashIntact() {
        return RecordHash.of(seq, prevHash, content).equals(hash);
    }
}
