package dev.hermeticbuild.store;

import dev.hermeticbuild.store.ProvenanceRecord.Subject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The store over JDBC, the same SQL for SQLite and PostgreSQL; a {@link Dialect} supplies the
 * rest. One connection per instance, used by one thread at a time; a connection lost to a
 * server restart is reopened on the next call.
 */
final class JdbcProvenanceStore implements ProvenanceStore {

    private static final String COLUMNS = "seq, prev_hash, hash, content";

    private final String url;
    private final String describe;
    private final Dialect dialect;
    private final int schemaVersion;
    private Connection conn;

    JdbcProvenanceStore(String url, String describe, Dialect dialect, int targetVersion) {
        this.url = url;
        this.describe = describe;
        this.dialect = dialect;
        try {
            this.conn = dialect.connect(url);
            this.schemaVersion = Schema.migrate(conn, dialect, describe, targetVersion);
        } catch (SQLException e) {
            closeQuietly();
            throw new StoreException("cannot open store " + describe + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (conn == null || conn.isClosed()) {
            conn = dialect.connect(url);
        }
        return conn;
    }

    @Override
    public StoredRecord append(ProvenanceRecord record) {
        return appendAll(List.of(record)).get(0);
    }

    @Override
    public StoredRecord appendOnce(ProvenanceRecord record) {
        return write(List.of(record), true).get(0);
    }

    @Override
    public List<StoredRecord> appendAll(List<ProvenanceRecord> records) {
        return write(records, false);
    }

    /** Records already in the log that are the same as {@code r}, looked up by its first subject. */
    private Optional<StoredRecord> existing(Connection c, ProvenanceRecord r) throws SQLException {
        String identity = RecordCodec.identity(r);
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM records WHERE seq IN"
                + " (SELECT seq FROM record_subjects WHERE digest = ?) ORDER BY seq")) {
            p.setString(1, r.subjects().get(0).sha256());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    ProvenanceRecord stored = RecordCodec.decode(rs.getString(4), seq);
                    if (RecordCodec.identity(stored).equals(identity)) {
                        return Optional.of(new StoredRecord(seq, rs.getString(2), rs.getString(3), stored));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private synchronized List<StoredRecord> write(List<ProvenanceRecord> records, boolean once) {
        List<String> contents = records.stream().map(RecordCodec::encode).toList();
        try {
            Connection c = connection();
            dialect.begin(c, Dialect.Mode.APPEND);
            boolean committed = false;
            try {
                if (once) {
                    Optional<StoredRecord> found = existing(c, records.get(0));
                    if (found.isPresent()) {
                        dialect.end(c, true);
                        committed = true;
                        return List.of(found.get());
                    }
                }
                long seq = 0;
                String prev = RecordHash.GENESIS;
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1")) {
                    if (rs.next()) {
                        seq = rs.getLong(1);
                        prev = rs.getString(2);
                    }
                }
                List<StoredRecord> out = new ArrayList<>(records.size());
                try (PreparedStatement log = c.prepareStatement("INSERT INTO records (seq, kind, recorded_at, build_id,"
                        + " source_commit, content, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                     PreparedStatement index = c.prepareStatement(
                             "INSERT INTO record_subjects (digest, seq, name) VALUES (?, ?, ?)")) {
                    for (int i = 0; i < records.size(); i++) {
                        ProvenanceRecord record = records.get(i);
                        seq++;
                        String hash = RecordHash.of(seq, prev, contents.get(i));
                        log.setLong(1, seq);
                        log.setString(2, record.kind().label());
                        log.setLong(3, record.recordedAt().toEpochMilli());
                        log.setString(4, record.buildId().orElse(null));
                        log.setString(5, record.build().sourceCommit().orElse(null));
                        log.setString(6, contents.get(i));
                        log.setString(7, prev);
                        log.setString(8, hash);
                        log.addBatch();
                        for (Subject s : new LinkedHashSet<>(record.subjects())) {
                            index.setString(1, s.sha256());
                            index.setLong(2, seq);
                            index.setString(3, s.name());
                            index.addBatch();
                        }
                        out.add(new StoredRecord(seq, prev, hash, record));
                        prev = hash;
                    }
                    log.executeBatch();
                    index.executeBatch();
                }
                dialect.end(c, true);
                committed = true;
                return out;
            } finally {
                if (!committed) {
                    rollbackQuietly(c);
                }
            }
        } catch (SQLException e) {
            dropIfLost(e);
            throw new StoreException("cannot append to store " + describe + " (nothing was recorded"
                    + (dialect.connectionLost(e) ? "; the connection was lost: if the commit itself failed,"
                    + " check with store query before retrying" : "") + "): " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<StoredRecord> bySeq(long seq) {
        return select("SELECT " + COLUMNS + " FROM records WHERE seq = ?", seq).stream().findFirst();
    }

    @Override
    public synchronized List<StoredRecord> bySubject(String sha256) {
        return select("SELECT " + COLUMNS + " FROM records WHERE seq IN"
                + " (SELECT seq FROM record_subjects WHERE digest = ?) ORDER BY seq", sha256);
    }

    @Override
    public synchronized List<StoredRecord> byCommit(String commit) {
        return select("SELECT " + COLUMNS + " FROM records WHERE source_commit = ? ORDER BY seq", commit);
    }

    @Override
    public synchronized List<StoredRecord> byBuildId(String buildId) {
        return select("SELECT " + COLUMNS + " FROM records WHERE build_id = ? ORDER BY seq", buildId);
    }

    @Override
    public synchronized List<StoredRecord> recordedSince(Instant from) {
        return select("SELECT " + COLUMNS + " FROM records WHERE recorded_at >= ? ORDER BY seq", from.toEpochMilli());
    }

    private List<StoredRecord> select(String sql, Object arg) {
        try (PreparedStatement p = connection().prepareStatement(sql)) {
            p.setObject(1, arg);
            List<StoredRecord> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    out.add(new StoredRecord(seq, rs.getString(2), rs.getString(3), RecordCodec.decode(rs.getString(4), seq)));
                }
            }
            return out;
        } catch (SQLException e) {
            dropIfLost(e);
            throw new StoreException("cannot read store " + describe + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized ChainReport verify(Optional<ChainAnchor> anchor) {
        try {
            Connection c = connection();
            dialect.begin(c, Dialect.Mode.READ);
            try {
                return new ChainWalk(c, anchor).run();
            } finally {
                rollbackQuietly(c);
            }
        } catch (SQLException e) {
            dropIfLost(e);
            throw new StoreException("cannot read store " + describe + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized long size() {
        try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM records")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            dropIfLost(e);
            throw new StoreException("cannot read store " + describe + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int schemaVersion() {
        return schemaVersion;
    }

    @Override
    public String describe() {
        return describe;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (conn != null) {
                conn.close();
            }
        } catch (SQLException ignored) {
            // closing is best effort: every write was committed or rolled back already
        }
        conn = null;
    }

    private void dropIfLost(SQLException e) {
        if (dialect.connectionLost(e)) {
            closeQuietly();
        }
    }

    private void rollbackQuietly(Connection c) {
        try {
            dialect.end(c, false);
        } catch (SQLException ignored) {
            // no transaction left (the server went away, or it already ended): nothing to undo
        }
    }

    /** One walk over the log and the digest index, in sequence order. */
    private static final class ChainWalk {
        private final Connection c;
        private final Optional<ChainAnchor> anchor;
        private final List<ChainReport.Problem> problems = new ArrayList<>();

        ChainWalk(Connection c, Optional<ChainAnchor> anchor) {
            this.c = c;
            this.anchor = anchor;
        }

        ChainReport run() throws SQLException {
            long count = 0;
            long expected = 1;
            String prevHash = RecordHash.GENESIS;
            try (Statement rs1 = c.createStatement(); Statement rs2 = c.createStatement()) {
                rs1.setFetchSize(1000);
                rs2.setFetchSize(1000);
                try (ResultSet records = rs1.executeQuery("SELECT seq, kind, recorded_at, build_id, source_commit,"
                        + " content, prev_hash, hash FROM records ORDER BY seq");
                     ResultSet subjects = rs2.executeQuery("SELECT seq, digest, name FROM record_subjects"
                             + " ORDER BY seq, digest, name")) {
                    SubjectCursor cursor = new SubjectCursor(subjects);
                    while (records.next()) {
                        count++;
                        long seq = records.getLong(1);
                        String content = records.getString(6);
                        String storedPrev = records.getString(7);
                        String hash = records.getString(8);
                        if (seq != expected) {
                            problem(expected, seq > expected
                                    ? "missing: the log jumps from record " + (expected - 1) + " to " + seq + " (rows deleted)"
                                    : "duplicate or out-of-order sequence number " + seq);
                        }
                        if (!storedPrev.equals(prevHash)) {
                            problem(seq, "does not link to the record before it (prev_hash " + storedPrev
                                    + " is not " + prevHash + "): rows removed, inserted or reordered");
                        }
                        String recomputed = RecordHash.of(seq, storedPrev, content);
                        if (!recomputed.equals(hash)) {
                            problem(seq, "content or position changed: stored hash " + hash + ", recomputed " + recomputed);
                        }
                        checkIndexes(seq, records, content, cursor.take(seq));
                        if (anchor.isPresent() && anchor.get().seq() == seq && !anchor.get().hash().equals(hash)) {
                            problem(seq, "hash " + hash + " is not the anchored " + anchor.get().hash()
                                    + ": the log was rewritten at or before this record");
                        }
                        prevHash = hash;
                        expected = seq + 1;
                    }
                    if (anchor.isPresent() && anchor.get().seq() > expected - 1) {
                        problem(anchor.get().seq(), "missing: the log ends at record " + (expected - 1)
                                + " but the anchor saw record " + anchor.get().seq() + " (rows cut off the end)");
                    }
                    for (long orphan : cursor.rest()) {
                        problem(orphan, "digest index rows for a record that does not exist");
                    }
                }
            }
            return new ChainReport(count, expected - 1, prevHash, problems);
        }

        private void checkIndexes(long seq, ResultSet row, String content, Set<String> indexed) throws SQLException {
            ProvenanceRecord r;
            try {
                r = RecordCodec.decode(content, seq);
            } catch (StoreException e) {
                problem(seq, "content does not decode: " + e.getCause().getMessage());
                return;
            }
            if (!r.kind().label().equals(row.getString(2))) {
                problem(seq, "kind column " + row.getString(2) + " does not match its content (" + r.kind().label() + ")");
            }
            if (row.getLong(3) != r.recordedAt().toEpochMilli()) {
                problem(seq, "recorded_at column does not match its content (" + r.recordedAt() + ")");
            }
            if (!Objects.equals(row.getString(4), r.buildId().orElse(null))) {
                problem(seq, "build_id column " + row.getString(4) + " does not match its content ("
                        + r.buildId().orElse("none") + ")");
            }
            if (!Objects.equals(row.getString(5), r.build().sourceCommit().orElse(null))) {
                problem(seq, "source_commit column " + row.getString(5) + " does not match its content ("
                        + r.build().sourceCommit().orElse("none") + ")");
            }
            Set<String> expected = new TreeSet<>();
            r.subjects().forEach(s -> expected.add(s.sha256() + " " + s.name()));
            if (!expected.equals(indexed)) {
                problem(seq, "digest index " + indexed + " does not match its subjects " + expected);
            }
        }

        private void problem(long seq, String reason) {
            problems.add(new ChainReport.Problem(seq, reason));
        }
    }

    /** Reads {@code record_subjects} ordered by seq alongside the records. */
    private static final class SubjectCursor {
        private final ResultSet rs;
        private boolean hasRow;

        SubjectCursor(ResultSet rs) throws SQLException {
            this.rs = rs;
            this.hasRow = rs.next();
        }

        /** The index rows of {@code seq}; skips (and reports later) rows of smaller seqs. */
        Set<String> take(long seq) throws SQLException {
            Set<String> out = new TreeSet<>();
            while (hasRow && rs.getLong(1) < seq) {
                orphans.add(rs.getLong(1));
                hasRow = rs.next();
            }
            while (hasRow && rs.getLong(1) == seq) {
                out.add(rs.getString(2) + " " + rs.getString(3));
                hasRow = rs.next();
            }
            return out;
        }

        private final Set<Long> orphans = new TreeSet<>();

        Set<Long> rest() throws SQLException {
            while (hasRow) {
                orphans.add(rs.getLong(1));
                hasRow = rs.next();
            }
            return orphans;
        }
    }
}
