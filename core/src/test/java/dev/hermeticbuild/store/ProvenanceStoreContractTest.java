package dev.hermeticbuild.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.sign.KeyAlgorithm;
import dev.hermeticbuild.sign.KeyGen;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.sign.Signers;
import dev.hermeticbuild.testing.Fixtures;
import dev.hermeticbuild.verify.Keyring;
import dev.hermeticbuild.verify.VerificationException;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The store's behaviour, the same on SQLite and on a real PostgreSQL server. */
class ProvenanceStoreContractTest {

    @TempDir
    Path tmp;

    private static List<StoredRecord> fill(ProvenanceStore store, int n) {
        List<StoredRecord> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(store.append(TestRecords.unsigned("artifact-" + i, "build-" + i)));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void appendsChainsAndFindsByDigestCommitAndBuildId(Backend backend) {
        String url = backend.newStore(tmp);
        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            List<StoredRecord> written = fill(store, 3);
            assertEquals(List.of(1L, 2L, 3L), written.stream().map(StoredRecord::seq).toList());
            assertEquals(RecordHash.GENESIS, written.get(0).prevHash());
            assertEquals(written.get(0).hash(), written.get(1).prevHash());

            List<StoredRecord> byDigest = store.bySubject(TestRecords.digest("artifact-2"));
            assertEquals(1, byDigest.size());
            StoredRecord r = byDigest.get(0);
            assertEquals(2, r.seq());
            assertEquals(written.get(1).hash(), r.hash());
            assertEquals(Optional.of("build-2"), r.record().buildId());
            assertEquals(Optional.of("https://ci.example.com/hermetic"), r.record().build().builderId());
            assertEquals(Optional.of(Fixtures.COMMIT), r.record().build().sourceCommit());
            assertEquals(Optional.of("release"), r.record().build().tier());
            assertEquals(Optional.of(true), r.record().build().hermetic());
            assertEquals(Optional.of(Instant.parse("2026-11-28T10:00:00Z")), r.record().build().startedOn());
            assertEquals(SignatureStatus.UNSIGNED, r.record().signature().status());

            assertEquals(3, store.byCommit(Fixtures.COMMIT).size());
            assertEquals(List.of(3L), store.byBuildId("build-3").stream().map(StoredRecord::seq).toList());
            assertTrue(store.bySubject(TestRecords.digest("never built")).isEmpty());
            assertTrue(store.byBuildId("no-such-build").isEmpty());

            ChainReport report = store.verify();
            assertTrue(report.intact(), report.problems().toString());
            assertEquals(3, report.records());
            assertEquals(3, report.headSeq());
            assertEquals(written.get(2).hash(), report.headHash());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void bulkAppendsAreOneChainedTransaction(Backend backend) {
        try (ProvenanceStore store = ProvenanceStores.open(backend.newStore(tmp))) {
            store.append(TestRecords.unsigned("first", "b0"));
            List<StoredRecord> bulk = store.appendAll(List.of(TestRecords.unsigned("x1", "b1"),
                    TestRecords.unsigned("x2", "b2"), TestRecords.unsigned("x3", "b3")));
            assertEquals(List.of(2L, 3L, 4L), bulk.stream().map(StoredRecord::seq).toList());
            assertEquals(bulk.get(0).hash(), bulk.get(1).prevHash());
            assertTrue(store.verify().intact());
            ProvenanceRecord bad = TestRecords.unsigned("x4", "b4");
            ProvenanceRecord dup = new ProvenanceRecord(bad.kind(), bad.recordedAt(), bad.buildId(),
                    List.of(bad.subjects().get(0), bad.subjects().get(0)), bad.build(), bad.signature(), bad.sbom(),
                    bad.rebuild(), bad.verification(), bad.bundle());
            assertEquals(5, store.appendAll(List.of(dup)).get(0).seq(), "a subject listed twice is indexed once");
            assertEquals(5, store.size());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void appendOnceRecordsTheSameBuildOnlyOnce(Backend backend) {
        try (ProvenanceStore store = ProvenanceStores.open(backend.newStore(tmp))) {
            ProvenanceRecord r = TestRecords.unsigned("once", "b1");
            StoredRecord first = store.appendOnce(r);
            ProvenanceRecord later = new ProvenanceRecord(r.kind(), r.recordedAt().plusSeconds(60), r.buildId(), r.subjects(),
                    r.build(), r.signature(), r.sbom(), r.rebuild(), r.verification(), r.bundle());
            assertEquals(first.seq(), store.appendOnce(later).seq(), "the retry recorded the build again");
            assertEquals(1, store.size());
            StoredRecord other = store.appendOnce(TestRecords.unsigned("once", "b2")); // same artifact, another build
            assertEquals(2, other.seq());
            assertTrue(store.verify().intact());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void rebuildRecordsRoundTrip(Backend backend) {
        try (ProvenanceStore store = ProvenanceStores.open(backend.newStore(tmp))) {
            String d = TestRecords.digest("artifact-1");
            store.append(TestRecords.unsigned("artifact-1", "b1"));
            store.append(new RecordIngest(Optional.empty(), true, TestRecords.CLOCK)
                    .rebuild("build/artifact-1.jar", d, false, List.of("META-INF/MANIFEST.MF: timestamps differ"),
                            Optional.empty()));
            List<StoredRecord> all = store.bySubject(d);
            assertEquals(2, all.size());
            ProvenanceRecord rebuild = all.get(1).record();
            assertEquals(RecordKind.REBUILD, rebuild.kind());
            assertFalse(rebuild.rebuild().orElseThrow().reproducible());
            assertEquals(List.of("META-INF/MANIFEST.MF: timestamps differ"), rebuild.rebuild().orElseThrow().differences());
            assertTrue(store.verify().intact());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void rowsAreNeverUpdatedOrDeletedInPlace(Backend backend) throws SQLException {
        String url = backend.newStore(tmp);
        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            fill(store, 2);
        }
        try (Connection c = Backend.raw(url); Statement s = c.createStatement()) {
            SQLException update = assertThrows(SQLException.class,
                    () -> s.execute("UPDATE records SET build_id = 'forged' WHERE seq = 1"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            SQLException delete = assertThrows(SQLException.class,
                    () -> s.execute("DELETE FROM record_subjects WHERE seq = 2"));
            assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
        }
        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            assertTrue(store.verify().intact());
            assertEquals(2, store.size());
        }
    }

    private static ChainReport verify(String url) {
        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            return store.verify();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void verifyNamesAnEditedRow(Backend backend) throws SQLException {
        String url = backend.newStore(tmp);
        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            fill(store, 5);
        }
        Backend.tamper(url, "UPDATE records SET content = REPLACE(content, '\"tier\":\"release\"', '\"tier\":\"dev\"')"
                + " WHERE seq = 3");
        ChainReport report = verify(url);
        assertFalse(report.intact());
        assertEquals(List.of(3L), report.problems().stream().map(ChainReport.Problem::seq).distinct().toList());
        assertTrue(report.problems().get(0).reason().startsWith("content or position changed"), report.problems().toString());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void verifyNamesADeletedRow(Backend backend) throws SQLException {
        String url = backend.newStore(tmp);
        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            fill(store, 5);
        }
        Backend.tamper(url, "DELETE FROM record_subjects WHERE seq = 3", "DELETE FROM records WHERE seq = 3");
        ChainReport report = verify(url);
        assertEquals(3L, report.problems().get(0).seq());
        assertTrue(report.problems().get(0).reason().startsWith("missing: the log jumps from record 2 to 4"),
                report.problems().toString());
        assertTrue(report.problems().stream().anyMatch(p -> p.seq() == 4 && p.reason().contains("does not link")),
                report.problems().toString());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void verifyNamesSwappedRows(Backend backend) throws SQLException {
        String url = backend.newStore(tmp);
        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            fill(store, 5);
        }
        List<String[]> rows = new ArrayList<>();
        try (Connection c = Backend.raw(url); PreparedStatement p = c.prepareStatement(
                "SELECT kind, recorded_at, build_id, source_commit, content, prev_hash, hash FROM records"
                        + " WHERE seq IN (2, 3) ORDER BY seq")) {
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String[] row = new String[7];
                    for (int i = 0; i < 7; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        // Give row 2 everything of row 3 and vice versa (hashes included): the order of the log changes.
        Backend.tamper(url, "UPDATE records SET hash = 'x' || hash WHERE seq IN (2, 3)", swap(2, rows.get(1)), swap(3, rows.get(0)),
                "UPDATE record_subjects SET seq = -1 WHERE seq = 2", "UPDATE record_subjects SET seq = 2 WHERE seq = 3",
                "UPDATE record_subjects SET seq = 3 WHERE seq = -1");
        ChainReport report = verify(url);
        assertEquals(2L, report.problems().get(0).seq(), report.problems().toString());
        assertTrue(report.problems().stream().anyMatch(p -> p.seq() == 2 && p.reason().contains("does not link")));
        assertTrue(report.problems().stream().anyMatch(p -> p.seq() == 3));
    }

    private static String swap(long seq, String[] row) {
        return "UPDATE records SET kind = '" + row[0] + "', recorded_at = " + row[1] + ", build_id = '" + row[2]
                + "', source_commit = '" + row[3] + "', content = '" + row[4].replace("'", "''") + "', prev_hash = '"
                + row[5] + "', hash = '" + row[6] + "' WHERE seq = " + seq;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anAnchoredHeadDetectsATruncatedOrRewrittenLog(Backend backend) throws SQLException {
        String url = backend.newStore(tmp);
        ChainAnchor head;
        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            List<StoredRecord> written = fill(store, 4);
            head = new ChainAnchor(4, written.get(3).hash());
            assertTrue(store.verify(Optional.of(head)).intact());
        }
        // Cut the last two rows off: what is left is a valid chain, only the anchor can tell.
        Backend.tamper(url, "DELETE FROM record_subjects WHERE seq >= 3", "DELETE FROM records WHERE seq >= 3");
        assertTrue(verify(url).intact());
        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            ChainReport cut = store.verify(Optional.of(head));
            assertEquals(List.of("record 4: missing: the log ends at record 2 but the anchor saw record 4 (rows cut off the end)"),
                    cut.problems().stream().map(Object::toString).toList());
            // Rewrite: two new records recomputed on top, so record 4 exists again with another hash.
            store.append(TestRecords.unsigned("forged-3", "f3"));
            store.append(TestRecords.unsigned("forged-4", "f4"));
            assertTrue(store.verify().intact());
            ChainReport rewritten = store.verify(Optional.of(head));
            assertEquals(4L, rewritten.problems().get(0).seq());
            assertTrue(rewritten.problems().get(0).reason().contains("the log was rewritten at or before this record"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void verifyNamesAForgedIndexEntry(Backend backend) throws SQLException {
        String url = backend.newStore(tmp);
        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            fill(store, 3);
        }
        Backend.tamper(url, "UPDATE records SET build_id = 'forged' WHERE seq = 2",
                "UPDATE record_subjects SET digest = '" + TestRecords.digest("other") + "' WHERE seq = 3");
        ChainReport report = verify(url);
        assertEquals(2, report.problems().size(), report.problems().toString());
        assertEquals(2L, report.problems().get(0).seq());
        assertTrue(report.problems().get(0).reason().startsWith("build_id column forged"));
        assertEquals(3L, report.problems().get(1).seq());
        assertTrue(report.problems().get(1).reason().startsWith("digest index"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void putVerifiesBundlesAndRecordsUnverifiedOnesAsSuch(Backend backend) {
        Signer signer = Signers.of(KeyGen.generate(KeyAlgorithm.ECDSA_P256));
        Signer stranger = Signers.of(KeyGen.generate(KeyAlgorithm.ECDSA_P256));
        VerifyPolicy trusted = VerifyPolicy.builder().keyring(Keyring.of(signer.publicKey())).requireHermetic(false).build();
        byte[] good = TestRecords.bundle("good", signer);
        byte[] foreign = TestRecords.bundle("foreign", stranger);
        RecordIngest strict = new RecordIngest(Optional.of(trusted), false, TestRecords.CLOCK);
        RecordIngest loose = new RecordIngest(Optional.of(trusted), true, TestRecords.CLOCK);
        try (ProvenanceStore store = ProvenanceStores.open(backend.newStore(tmp))) {
            StoredRecord ok = store.append(strict.fromBundle(good, "good", Optional.empty(), Optional.empty()));
            assertEquals(SignatureStatus.VERIFIED, ok.record().signature().status());
            assertEquals(Optional.of(signer.keyId()), ok.record().signature().keyId());

            VerificationException refused = assertThrows(VerificationException.class,
                    () -> strict.fromBundle(foreign, "foreign", Optional.empty(), Optional.empty()));
            assertEquals(List.of("unknown key " + stranger.keyId()), refused.reasons());
            assertEquals(1, store.size());

            store.append(loose.fromBundle(foreign, "foreign", Optional.empty(), Optional.of("b-unverified")));
            ProvenanceRecord failed = store.bySubject(TestRecords.digest("foreign")).get(0).record();
            assertEquals(SignatureStatus.FAILED, failed.signature().status());
            assertEquals(List.of("unknown key " + stranger.keyId()), failed.signature().reasons());
            assertEquals(Optional.of(stranger.keyId()), failed.signature().keyId());
            assertEquals(new String(foreign, java.nio.charset.StandardCharsets.UTF_8), failed.bundle().orElseThrow());

            assertThrows(InputException.class, () -> new RecordIngest(Optional.empty(), false, TestRecords.CLOCK)
                    .fromBundle(good, "good", Optional.empty(), Optional.empty()));
            ProvenanceRecord noKey = new RecordIngest(Optional.empty(), true, TestRecords.CLOCK)
                    .fromBundle(good, "good", Optional.empty(), Optional.empty());
            assertEquals(SignatureStatus.UNVERIFIED, noKey.signature().status());
            assertTrue(store.verify().intact());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void upgradesAnOldSchemaInPlace(Backend backend) throws SQLException {
        String url = backend.newStore(tmp);
        List<StoredRecord> written;
        try (ProvenanceStore v1 = ProvenanceStores.open(url, 1)) {
            assertEquals(1, v1.schemaVersion());
            written = fill(v1, 3);
        }
        try (Connection c = Backend.raw(url); Statement s = c.createStatement()) {
            s.execute("UPDATE records SET build_id = build_id WHERE seq = 1"); // version 1 had no triggers
        }
        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            assertEquals(Schema.LATEST, store.schemaVersion());
            assertEquals(written.get(2).hash(), store.verify().headHash());
            assertTrue(store.verify().intact());
            store.append(TestRecords.unsigned("after-upgrade", "b4"));
            assertEquals(4, store.size());
        }
        try (Connection c = Backend.raw(url); Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.execute("UPDATE records SET build_id = 'x' WHERE seq = 1"));
            try (ResultSet rs = s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
                List<Integer> versions = new ArrayList<>();
                while (rs.next()) {
                    versions.add(rs.getInt(1));
                }
                assertEquals(List.of(1, 2, 3), versions);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void refusesANewerSchema(Backend backend) throws SQLException {
        String url = backend.newStore(tmp);
        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            fill(store, 1);
        }
        try (Connection c = Backend.raw(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version (version, application, applied_at)"
                    + " VALUES (7, 'hermetic-provenance-store', 'later')");
        }
        StoreException e = assertThrows(StoreException.class, () -> ProvenanceStores.open(url));
        assertTrue(e.getMessage().contains("schema version 7, newer than this hermetic understands (3)"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void refusesADatabaseThatIsNotOurs(Backend backend) throws SQLException {
        String url = backend.newStore(tmp);
        try (Connection c = Backend.raw(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
        }
        StoreException e = assertThrows(StoreException.class, () -> ProvenanceStores.open(url));
        assertTrue(e.getMessage().contains("not a hermetic provenance store"), e.getMessage());
        assertTrue(e.getMessage().contains("customers"), e.getMessage());
        try (Connection c = Backend.raw(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM customers")) {
            assertTrue(rs.next()); // still there, untouched
        }
    }

    @Test
    void refusesAFileThatIsNotASqliteDatabaseAndLeavesItAlone() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.db"), "these are my notes, not a database\n".repeat(200));
        byte[] before = Files.readAllBytes(file);
        StoreException e = assertThrows(StoreException.class, () -> ProvenanceStores.open("jdbc:sqlite:" + file));
        assertTrue(e.getMessage().contains("is not a SQLite database"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertFalse(Files.exists(tmp.resolve("notes.db-wal")));
    }

    @Test
    void sqliteConnectionsAreDurable() throws SQLException {
        String url = Backend.SQLITE.newStore(tmp);
        ProvenanceStores.open(url).close();
        try (Connection c = new SqliteDialect().connect(url); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertEquals("wal", rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
                assertEquals(2, rs.getInt(1), "synchronous must be FULL (2): a commit is on disk before append returns");
            }
            try (ResultSet rs = s.executeQuery("PRAGMA application_id")) {
                assertEquals(SqliteDialect.APPLICATION_ID, rs.getInt(1));
            }
        }
    }

    @Test
    void refusesAnUnsupportedUrl() {
        InputException e = assertThrows(InputException.class, () -> ProvenanceStores.open("jdbc:mysql://db/x?password=hunter2"));
        assertTrue(e.getMessage().contains("not a supported JDBC URL"));
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void defaultStoreLivesUnderTheUsersDataDirectory() {
        assertEquals("jdbc:sqlite:/data/hermetic/store.db",
                ProvenanceStores.defaultUrl(java.util.Map.of("XDG_DATA_HOME", "/data"), Path.of("/home/u")));
        assertEquals("jdbc:sqlite:/home/u/.local/share/hermetic/store.db",
                ProvenanceStores.defaultUrl(java.util.Map.of(), Path.of("/home/u")));
    }
}
