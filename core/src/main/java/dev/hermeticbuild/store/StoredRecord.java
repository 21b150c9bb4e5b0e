package dev.hermeticbuild.store;

/**
 * A record as the store holds it: its position in the log and its link in the hash chain.
 *
 * @param seq      position in the log, from 1, without gaps
 * @param prevHash hash of record {@code seq - 1} ({@link RecordHash#GENESIS} for the first)
 * @param hash     {@link RecordHash#of} over seq, prevHash and the canonical content
 * @param record   the content
 */
public record StoredRecord(long seq, String prevHash, String hash, ProvenanceRecord record) {
}
