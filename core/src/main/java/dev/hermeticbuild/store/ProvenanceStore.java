package dev.hermeticbuild.store;

import dev.hermeticbuild.sign.Signer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An append-only, hash-chained log of provenance records, indexed by subject digest, source
 * commit and build id, with signed checkpoints of its head. Records are never updated in place;
 * {@link #verify(ChainCheck)} proves nothing was edited, removed or reordered, and, against the
 * store's public key, that no record was added or cut off without the store key. Queries return
 * only rows whose hashed content says what was asked. One JDBC URL chooses the backend (SQLite
 * or PostgreSQL).
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
        return verify(ChainCheck.linksOnly());
    }

    /** {@link #verify()}, and also requires the log to still hold record {@code anchor.seq} with {@code anchor.hash}. */
    default ChainReport verify(Optional<ChainAnchor> anchor) {
        return verify(new ChainCheck(anchor, Optional.empty(), Optional.empty()));
    }

    /** {@link #verify()}, plus what {@code check} asks: an anchor, the latest checkpoint, a checkpoint kept elsewhere. */
    ChainReport verify(ChainCheck check);

    /** The store's id, named in its checkpoints. */
    String id();

    /**
     * Signs the current head with the store key and keeps the checkpoint (in the write lock, so
     * the head cannot move meanwhile); a store opened with a checkpoint key does this on every append.
     */
    SignedCheckpoint checkpoint(Signer storeKey);

    /** The checkpoint covering the most records, as stored (not yet verified). */
    Optional<SignedCheckpoint> latestCheckpoint();

    /** Up to {@code limit} checkpoints covering record {@code seq}, the smallest first, as stored (not verified). */
    List<SignedCheckpoint> checkpointsCovering(long seq, int limit);

    /** Rows {@code from} to {@code to} as stored, for linking a record to a checkpoint. */
    List<ChainRow> rows(long from, long to);

    /** The number of records. */
    long size();

    /** The schema version of the opened database. */
    int schemaVersion();

    /** The store's URL, without credentials. */
    String describe();

    @Override
    void close();
}
