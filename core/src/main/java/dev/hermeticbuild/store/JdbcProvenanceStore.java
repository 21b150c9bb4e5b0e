package dev.hermeticbuild.store;

import dev.hermeticbuild.CountText;
import dev.hermeticbuild.store.ProvenanceRecord.Subject;
import dev.hermeticbuild.sign.Signer;
import java.nio.charset.StandardCharsets;
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
import java.util.function.Predicate;

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
    private final Optional<Signer> checkpointKey;
    private Connection conn;
    private String id;

    JdbcProvenanceStore(String url, String describe, Dialect dialect, int targetVersion, Optional<Signer> checkpointKey) {
        this.url = url;
        this.describe = describe;
        this.dialect = dialect;
        this.checkpointKey = checkpointKey;
        try {
            this.conn = dialect.connect(url);
            this.schemaVersion = Schema.migrate(conn, dialect, describe, targetVersion);
        } catch (SQLException e) {
            closeQuietly();
            throw new StoreException("cannot open store " + describe + ": " + secretFree(e).getMessage(), secretFree(e));
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /**
     * The driver's exception with every trace of the URL's password removed from its message (and
     * no cause chain, which could carry it): what a store error may show in a log or a console.
     */
    private SQLException secretFree(SQLException e) {
        SQLException safe = new SQLException(ProvenanceStores.redact(String.valueOf(e.getMessage()), url), e.getSQLState(),
                e.getErrorCode());
        safe.setStackTrace(e.getStackTrace());
        return safe;
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
                if (checkpointKey.isPresent()) {
                    insertCheckpoint(c, seq, prev, checkpointKey.get());
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
                    + " check with store query before retrying" : "") + "): " + secretFree(e).getMessage(), secretFree(e));
        }
    }

    @Override
    public synchronized Optional<StoredRecord> bySeq(long seq) {
        return select("SELECT " + COLUMNS + " FROM records WHERE seq = ?", seq, sr -> sr.seq() == seq).stream().findFirst();
    }

    // Each query keeps only the rows whose decoded content says what the index column said: an
    // edited index can hide a record from a query (store verify names it), never substitute another.

    @Override
    public synchronized List<StoredRecord> bySubject(String sha256) {
        return select("SELECT " + COLUMNS + " FROM records WHERE seq IN"
                + " (SELECT seq FROM record_subjects WHERE digest = ?) ORDER BY seq", sha256,
                sr -> sr.record().subjects().stream().anyMatch(s -> s.sha256().equals(sha256)));
    }

    @Override
    public synchronized List<StoredRecord> byCommit(String commit) {
        return select("SELECT " + COLUMNS + " FROM records WHERE source_commit = ? ORDER BY seq", commit,
                sr -> sr.record().build().sourceCommit().equals(Optional.of(commit)));
    }

    @Override
    public synchronized List<StoredRecord> byBuildId(String buildId) {
        return select("SELECT " + COLUMNS + " FROM records WHERE build_id = ? ORDER BY seq", buildId,
                sr -> sr.record().buildId().equals(Optional.of(buildId)));
    }

    @Override
    public synchronized List<StoredRecord> recordedSince(Instant from) {
        return select("SELECT " + COLUMNS + " FROM records WHERE recorded_at >= ? ORDER BY seq", from.toEpochMilli(),
                sr -> !sr.record().recordedAt().isBefore(from));
    }

    private List<StoredRecord> select(String sql, Object arg, Predicate<StoredRecord> contentSays) {
        try (PreparedStatement p = connection().prepareStatement(sql)) {
            p.setObject(1, arg);
            List<StoredRecord> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    StoredRecord sr = new StoredRecord(seq, rs.getString(2), rs.getString(3), RecordCodec.decode(rs.getString(4), seq));
                    if (contentSays.test(sr)) {
                        out.add(sr);
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            dropIfLost(e);
            throw new StoreException("cannot read store " + describe + ": " + secretFree(e).getMessage(), secretFree(e));
        }
    }

    @Override
    public synchronized List<ChainRow> rows(long from, long to) {
        try (PreparedStatement p = connection().prepareStatement(
                "SELECT seq, prev_hash, hash, content FROM records WHERE seq >= ? AND seq <= ? ORDER BY seq")) {
            p.setLong(1, from);
            p.setLong(2, to);
            List<ChainRow> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new ChainRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            dropIfLost(e);
            throw new StoreException("cannot read store " + describe + ": " + secretFree(e).getMessage(), secretFree(e));
        }
    }

    @Override
    public synchronized String id() {
        if (id == null) {
            try {
                id = storeId(connection()).orElseThrow(() -> new StoreException("store " + describe
                        + " has no store_identity row (removed?): its checkpoints cannot be checked"));
            } catch (SQLException e) {
                dropIfLost(e);
                throw new StoreException("cannot read store " + describe + ": " + secretFree(e).getMessage(), secretFree(e));
            }
        }
        return id;
    }

    @Override
    public synchronized SignedCheckpoint checkpoint(Signer storeKey) {
        try {
            Connection c = connection();
            dialect.begin(c, Dialect.Mode.APPEND);
            boolean committed = false;
            try {
                long seq = 0;
                String head = RecordHash.GENESIS;
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1")) {
                    if (rs.next()) {
                        seq = rs.getLong(1);
                        head = rs.getString(2);
                    }
                }
                SignedCheckpoint signed = insertCheckpoint(c, seq, head, storeKey);
                dialect.end(c, true);
                committed = true;
                return signed;
            } finally {
                if (!committed) {
                    rollbackQuietly(c);
                }
            }
        } catch (SQLException e) {
            dropIfLost(e);
            throw new StoreException("cannot write a checkpoint to store " + describe + " (nothing was written): "
                    + secretFree(e).getMessage(), secretFree(e));
        }
    }

    /** The store's id, if its identity row is there. */
    private static Optional<String> storeId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM store_identity ORDER BY id")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    /** Signs the head {@code size}:{@code head} and inserts it, in the caller's write transaction. */
    private SignedCheckpoint insertCheckpoint(Connection c, long size, String head, Signer key) throws SQLException {
        String storeId = storeId(c).orElseThrow(() -> new StoreException("store " + describe + " has no store_identity"
                + " row (removed?): refusing to sign a checkpoint for it"));
        long next = 1;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(seq) FROM checkpoints")) {
            if (rs.next()) {
                next = rs.getLong(1) + 1;
            }
        }
        SignedCheckpoint signed = SignedCheckpoint.sign(new Checkpoint(storeId, size, head, Instant.now()), key);
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO checkpoints (seq, size, head_hash, signed_at, envelope) VALUES (?, ?, ?, ?, ?)")) {
            p.setLong(1, next);
            p.setLong(2, size);
            p.setString(3, head);
            p.setLong(4, signed.checkpoint().time().toEpochMilli());
            p.setString(5, signed.json());
            p.executeUpdate();
        }
        return signed;
    }

    @Override
    public synchronized Optional<SignedCheckpoint> latestCheckpoint() {
        return checkpoints("SELECT seq, envelope FROM checkpoints ORDER BY size DESC, seq DESC LIMIT 1", -1).stream().findFirst();
    }

    @Override
    public synchronized List<SignedCheckpoint> checkpointsCovering(long seq, int limit) {
        return checkpoints("SELECT seq, envelope FROM checkpoints WHERE size >= ? ORDER BY size, seq LIMIT " + limit, seq);
    }

    /** Checkpoint rows parsed; rows that do not parse are left out (store verify names them). */
    private List<SignedCheckpoint> checkpoints(String sql, long arg) {
        try (PreparedStatement p = connection().prepareStatement(sql)) {
            if (arg >= 0) {
                p.setLong(1, arg);
            }
            List<SignedCheckpoint> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    try {
                        out.add(SignedCheckpoint.parse(rs.getString(2).getBytes(StandardCharsets.UTF_8),
                                "checkpoint #" + rs.getLong(1)));
                    } catch (StoreException e) {
                        // not a checkpoint at all: unusable, reported by verify
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            dropIfLost(e);
            throw new StoreException("cannot read store " + describe + ": " + secretFree(e).getMessage(), secretFree(e));
        }
    }

    @Override
    public synchronized ChainReport verify(ChainCheck check) {
        try {
            Connection c = connection();
            dialect.begin(c, Dialect.Mode.READ);
            try {
                return new ChainWalk(c, check, storeId(c)).run();
            } finally {
                rollbackQuietly(c);
            }
        } catch (SQLException e) {
            dropIfLost(e);
            throw new StoreException("cannot read store " + describe + ": " + secretFree(e).getMessage(), secretFree(e));
        }
    }

    @Override
    public synchronized long size() {
        try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM records")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            dropIfLost(e);
            throw new StoreException("cannot read store " + describe + ": " + secretFree(e).getMessage(), secretFree(e));
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

    /** One walk over the log, the digest index and the checkpoints, in sequence order. */
    private static final class ChainWalk {
        private final Connection c;
        private final ChainCheck check;
        private final Optional<String> storeId;
        private final List<ChainReport.Problem> problems = new ArrayList<>();

        ChainWalk(Connection c, ChainCheck check, Optional<String> storeId) {
            this.c = c;
            this.check = check;
            this.storeId = storeId;
        }

        /** A checkpoint row as stored. */
        private record CheckpointRow(long id, long size, String head, String envelope) {
        }

        ChainReport run() throws SQLException {
            long count = 0;
            long expected = 1;
            String prevHash = RecordHash.GENESIS;
            CheckpointRow latest = null;
            Optional<String> keptHashAtItsSize = Optional.empty();
            long keptSize = check.kept().map(k -> k.checkpoint().size()).orElse(-1L);
            try (Statement rs1 = c.createStatement(); Statement rs2 = c.createStatement();
                 Statement rs3 = c.createStatement()) {
                rs1.setFetchSize(1000);
                rs2.setFetchSize(1000);
                rs3.setFetchSize(1000);
                try (ResultSet records = rs1.executeQuery("SELECT seq, kind, recorded_at, build_id, source_commit,"
                        + " content, prev_hash, hash FROM records ORDER BY seq");
                     ResultSet subjects = rs2.executeQuery("SELECT seq, digest, name FROM record_subjects"
                             + " ORDER BY seq, digest, name");
                     ResultSet checkpoints = rs3.executeQuery("SELECT seq, size, head_hash, envelope FROM checkpoints"
                             + " ORDER BY size, seq")) {
                    SubjectCursor cursor = new SubjectCursor(subjects);
                    boolean moreCheckpoints = checkpoints.next();
                    while (moreCheckpoints && checkpoints.getLong(2) <= 0) {
                        latest = checkpointRow(checkpoints);
                        if (!RecordHash.GENESIS.equals(latest.head())) {
                            problem(0, "checkpoint #" + latest.id() + " of the empty log has head " + latest.head());
                        }
                        moreCheckpoints = checkpoints.next();
                    }
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
                        Optional<ChainAnchor> anchor = check.anchor();
                        if (anchor.isPresent() && anchor.get().seq() == seq && !anchor.get().hash().equals(hash)) {
                            problem(seq, "hash " + hash + " is not the anchored " + anchor.get().hash()
                                    + ": the log was rewritten at or before this record");
                        }
                        if (seq == keptSize) {
                            keptHashAtItsSize = Optional.of(hash);
                        }
                        while (moreCheckpoints && checkpoints.getLong(2) <= seq) {
                            latest = checkpointRow(checkpoints);
                            if (latest.size() == seq && !latest.head().equals(hash)) {
                                problem(seq, "checkpoint #" + latest.id() + " has head " + latest.head() + " but the log's"
                                        + " record " + seq + " has hash " + hash + ": the log was rewritten at or before"
                                        + " this record, or the checkpoint row was forged");
                            }
                            moreCheckpoints = checkpoints.next();
                        }
                        prevHash = hash;
                        expected = seq + 1;
                    }
                    long end = expected - 1;
                    while (moreCheckpoints) {
                        latest = checkpointRow(checkpoints);
                        problem(latest.size(), "missing: the log ends at record " + end + " but checkpoint #" + latest.id()
                                + " covers " + CountText.of(latest.size(), "record") + " (rows cut off the end)");
                        moreCheckpoints = checkpoints.next();
                    }
                    if (check.anchor().isPresent() && check.anchor().get().seq() > end) {
                        problem(check.anchor().get().seq(), "missing: the log ends at record " + end
                                + " but the anchor saw record " + check.anchor().get().seq() + " (rows cut off the end)");
                    }
                    for (long orphan : cursor.rest()) {
                        problem(orphan, "digest index rows for a record that does not exist");
                    }
                }
            }
            long end = expected - 1;
            Optional<SignedCheckpoint> signed = Optional.empty();
            if (check.storeKeys().isPresent()) {
                signed = checkLatest(latest, end);
                checkKept(signed, keptHashAtItsSize, end);
            }
            return new ChainReport(count, end, prevHash, problems, signed);
        }

        private static CheckpointRow checkpointRow(ResultSet rs) throws SQLException {
            return new CheckpointRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4));
        }

        /** The latest checkpoint, if it is what its row says and signed by a store key; problems otherwise. */
        private Optional<SignedCheckpoint> checkLatest(CheckpointRow latest, long end) {
            if (storeId.isEmpty()) {
                problem(0, "the store_identity row is missing (removed): no checkpoint can be matched to this store");
                return Optional.empty();
            }
            if (latest == null) {
                if (end > 0) {
                    problem(1, "no signed checkpoint: records 1 to " + end + " are not vouched for by the store key"
                            + " (after checking the log, sign one with hermetic store checkpoint --key STORE-KEY)");
                }
                return Optional.empty();
            }
            String at = "checkpoint #" + latest.id() + " (the latest, covering " + CountText.of(latest.size(), "record") + ")";
            SignedCheckpoint cp;
            try {
                cp = SignedCheckpoint.parse(latest.envelope().getBytes(StandardCharsets.UTF_8), at);
            } catch (StoreException e) {
                problem(latest.size(), e.getMessage());
                return Optional.empty();
            }
            List<String> wrong = new ArrayList<>();
            if (cp.checkpoint().size() != latest.size() || !cp.checkpoint().headHash().equals(latest.head())) {
                wrong.add("its row says " + latest.size() + ":" + latest.head() + " but the signed body says "
                        + cp.checkpoint().size() + ":" + cp.checkpoint().headHash());
            }
            if (!cp.checkpoint().store().equals(storeId.get())) {
                wrong.add("it is for store " + cp.checkpoint().store() + ", this store is " + storeId.get());
            }
            if (cp.signedBy(check.storeKeys().get()).isEmpty()) {
                wrong.add("its signature does not verify against the store key(s) given (--store-pub): forged,"
                        + " or signed with another key");
            }
            if (!wrong.isEmpty()) {
                problem(latest.size(), at + ": " + String.join("; ", wrong));
                return Optional.empty();
            }
            if (latest.size() < end) {
                problem(latest.size() + 1, "records " + (latest.size() + 1) + " to " + end + " come after the latest"
                        + " signed checkpoint (" + CountText.of(latest.size(), "record") + "): written without the store key, or forged");
            }
            return Optional.of(cp);
        }

        /** The checkpoint the operator kept outside the database: genuine, still in the log, not newer than the store's. */
        private void checkKept(Optional<SignedCheckpoint> latest, Optional<String> hashAtItsSize, long end) {
            if (check.kept().isEmpty()) {
                return;
            }
            Checkpoint kept = check.kept().get().checkpoint();
            String at = "the checkpoint kept outside the store (--checkpoint, " + kept.size() + " records, " + kept.time() + ")";
            if (check.kept().get().signedBy(check.storeKeys().get()).isEmpty()) {
                problem(kept.size(), at + " is not signed by the store key(s) given (--store-pub)");
                return;
            }
            if (storeId.isPresent() && !kept.store().equals(storeId.get())) {
                problem(kept.size(), at + " is for store " + kept.store() + ", this store is " + storeId.get());
                return;
            }
            if (kept.size() > end) {
                problem(kept.size(), "missing: the log ends at record " + end + " but " + at + " covers "
                        + kept.size() + " (rows cut off the end)");
            } else if (kept.size() > 0 && !hashAtItsSize.orElse("").equals(kept.headHash())) {
                problem(kept.size(), "hash " + hashAtItsSize.orElse("(none)") + " is not the head of " + at
                        + " (" + kept.headHash() + "): the log was rewritten at or before this record");
            }
            if (latest.isPresent() && latest.get().checkpoint().size() < kept.size()) {
                problem(kept.size(), "the store's latest checkpoint covers " + latest.get().checkpoint().size()
                        + " records but " + at + " covers " + kept.size() + ": checkpoints were removed (rolled back)");
            }
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
