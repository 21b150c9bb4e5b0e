package dev.hermeticbuild.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An append-only, hash-chained log of provenance records, indexed by subject digest, source
 * commit and build id. Records are never updated in place; {@link #verify()} proves nothing was
 * edited, removed or reordered. One JDBC URL chooses the backend (SQLite or PostgreSQL).
 */
public interface ProvenanceStore extends AutoCloseable {

    /**
     * Appends {@code record} atomically and durably after the current head; returns it with its
     * position and hash once committed. Concurrent writers, in this process or others, are
     * serialized so the chain stays linear.
     *
     * @throws StoreException when the write fails; then nothing of the record was kept
     */
    StoredRecord append(ProvenanceRecord record);

    /**
     * {@link #append}, unless the log already holds the same record (same content but for the
     * time it was accepted and how long verification took): then returns that one. Checked inside
     * the append's transaction, so a retry after a failure whose outcome was unknown (the
     * connection lost during COMMIT) never records a build twice.
     */
    StoredRecord appendOnce(ProvenanceRecord record);

    /**
     * Appends {@code records} in order in one transaction (bulk import): all of them or none.
     *
     * @throws StoreException when the write fails; then none of them was kept
     */
    List<StoredRecord> appendAll(List<ProvenanceRecord> records);

    /** The record at position {@code seq}, if the log has one. */
    Optional<StoredRecord> bySeq(long seq);

    /** Records with a subject of this lowercase hex SHA-256, in log order. */
    List<StoredRecord> bySubject(String sha256);

    /** Build records whose provenance names this source commit, in log order. */
    List<StoredRecord> byCommit(String commit);

    /** Records put with this build id, in log order. */
    List<StoredRecord> byBuildId(String buildId);

    /** Records accepted at or after {@code from}, in log order. */
    List<StoredRecord> recordedSince(Instant from);

    /** Walks the whole log, recomputing every hash and link and checking the indexes against the content. */
    default ChainReport verify() {
        return verify(Optional.empty());
    }

    /** {@link #verify()}, and also requires the log to still hold record {@code anchor.seq} with {@code anchor.hash}. */
    ChainReport verify(Optional<ChainAnchor> anchor);

    /** The number of records. */
    long size();

    /** The schema version of the opened database. */
    int schemaVersion();

    /** The store's URL, without credentials. */
    String describe();

    @Override
    void close();
}
