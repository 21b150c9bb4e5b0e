package dev.hermeticbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.sign.KeyAlgorithm;
import dev.hermeticbuild.sign.KeyGen;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.sign.Signers;
import dev.hermeticbuild.verify.Keyring;
import dev.hermeticbuild.verify.RevocationList;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attacks by someone who can write the database (triggers dropped, hashes recomputed) but holds
 * neither a build signing key nor the store key; each must be caught by store verify against the
 * store's public key, by read-time checks of trace and queries, or both. On the code before
 * issue 13 the forged record and the build_id edit passed unnoticed (store verify intact, trace
 * trustworthy, query by build id returning the other build's record).
 */
class StoreForgeryTest {

    @TempDir
    Path tmp;

    private final Signer builder = Signers.of(KeyGen.generate(KeyAlgorithm.ECDSA_P256));
    private final Signer storeKey = Signers.of(KeyGen.generate(KeyAlgorithm.ECDSA_P256));
    private final Signer attacker = Signers.of(KeyGen.generate(KeyAlgorithm.ECDSA_P256));
    private final Keyring storePub = Keyring.of(storeKey.publicKey());
    private final RecordCheck check = new RecordCheck(Optional.of(VerifyPolicy.builder().keyring(Keyring.of(builder.publicKey())).requireHermetic(false).build()),
            Optional.of(storePub));

    /** A store with {@code n} signed records, each appended with a checkpoint. */
    private String store(Backend backend, int n) {
        String url = backend.newStore(tmp);
        try (ProvenanceStore store = ProvenanceStores.open(url, Optional.of(storeKey))) {
            for (int i = 1; i <= n; i++) {
                store.append(TestRecords.signed("artifact-" + i, "build-" + i, builder));
            }
        }
        return url;
    }

    private static ProvenanceStore open(String url) {
        return ProvenanceStores.open(url);
    }

    private ChainReport verify(String url, Optional<SignedCheckpoint> kept) {
        try (ProvenanceStore store = open(url)) {
            return store.verify(new ChainCheck(Optional.empty(), Optional.of(storePub), kept));
        }
    }

    private static String reasons(ChainReport r) {
        return r.problems().toString();
    }

    /** Appends {@code forged} after the current head with a recomputed hash, as raw SQL. */
    private static void forge(String url, long seq, ProvenanceRecord forged) throws SQLException {
        String prev;
        try (ProvenanceStore store = open(url)) {
            prev = seq == 1 ? RecordHash.GENESIS : store.bySeq(seq - 1).orElseThrow().hash();
        }
        String content = RecordCodec.encode(forged);
        String hash = RecordHash.of(seq, prev, content);
        String[] sql = new String[1 + forged.subjects().size()];
        sql[0] = "INSERT INTO records (seq, kind, recorded_at, build_id, source_commit, content, prev_hash, hash) VALUES ("
                + seq + ", '" + forged.kind().label() + "', " + forged.recordedAt().toEpochMilli() + ", "
                + forged.buildId().map(b -> "'" + b + "'").orElse("NULL") + ", "
                + forged.build().sourceCommit().map(c -> "'" + c + "'").orElse("NULL") + ", '"
                + content.replace("'", "''") + "', '" + prev + "', '" + hash + "')";
        for (int i = 0; i < forged.subjects().size(); i++) {
            ProvenanceRecord.Subject s = forged.subjects().get(i);
            sql[i + 1] = "INSERT INTO record_subjects (digest, seq, name) VALUES ('" + s.sha256() + "', " + seq + ", '" + s.name() + "')";
        }
        Backend.tamper(url, sql);
    }

    /** A record claiming to be a verified build of {@code label}, with no bundle: what the old trace believed. */
    private static ProvenanceRecord claimsVerified(String label, String buildId) {
        ProvenanceRecord r = TestRecords.unsigned(label, buildId);
        return new ProvenanceRecord(r.kind(), r.recordedAt(), r.buildId(), r.subjects(), r.build(),
                new ProvenanceRecord.Signature(SignatureStatus.VERIFIED, Optional.of("ab".repeat(32)), List.of(), Optional.of(1L)),
                r.sbom(), r.rebuild(), r.verification(), r.bundle());
    }

    private ArtifactTrace trace(String url, String label, RecordCheck with) {
        try (ProvenanceStore store = open(url)) {
            return ArtifactTrace.of(store, TestRecords.digest(label), with, RevocationList.none());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aForgedRecordWithARecomputedHashIsCaught(Backend backend) throws SQLException {
        String url = store(backend, 2);
        forge(url, 3, claimsVerified("evil", "build-3"));
        try (ProvenanceStore store = open(url)) {
            assertTrue(store.verify().intact(), "the links alone cannot tell: this is why checkpoints exist");
        }
        ChainReport report = verify(url, Optional.empty());
        assertFalse(report.intact());
        assertEquals(List.of("record 3: records 3 to 3 come after the latest signed checkpoint (2 records):"
                + " written without the store key, or forged"), report.problems().stream().map(Object::toString).toList());

        ArtifactTrace t = trace(url, "evil", check);
        assertFalse(t.trustworthy());
        assertTrue(t.problems().contains("record 3: provenance is not signed"), t.problems().toString());
        assertTrue(t.problems().stream().anyMatch(p -> p.startsWith("record 3: position not vouched for by the store key:"
                + " no checkpoint signed by the store key covers it")), t.problems().toString());
        ArtifactTrace unchecked = trace(url, "evil", RecordCheck.none());
        assertFalse(unchecked.trustworthy(), "without --pub nothing is trustworthy");
        assertTrue(unchecked.problems().contains("record 3: provenance is not signed"), unchecked.problems().toString());
        assertTrue(trace(url, "artifact-1", check).trustworthy(), trace(url, "artifact-1", check).problems().toString());
        ArtifactTrace genuineUnchecked = trace(url, "artifact-1", RecordCheck.none());
        assertEquals(List.of("record 1: signature not checked: no trusted key given (--pub)"), genuineUnchecked.problems());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aForgedRecordReusingAGenuineBundleIsCaughtByItsSignedStatement(Backend backend) throws SQLException {
        String url = store(backend, 2);
        ProvenanceRecord genuine;
        try (ProvenanceStore store = open(url)) {
            genuine = store.bySeq(1).orElseThrow().record();
        }
        // The genuine bundle of artifact-1, put into a record that says it built "evil".
        ProvenanceRecord forged = new ProvenanceRecord(genuine.kind(), genuine.recordedAt(), Optional.of("build-3"),
                List.of(new ProvenanceRecord.Subject("build/evil.jar", TestRecords.digest("evil"))), genuine.build(),
                genuine.signature(), genuine.sbom(), genuine.rebuild(), genuine.verification(), genuine.bundle());
        forge(url, 3, forged);
        ArtifactTrace t = trace(url, "evil", check);
        assertFalse(t.trustworthy());
        assertEquals(ReadCheck.Outcome.FAILED, t.builds().get(0).checked().signature().outcome());
        assertTrue(t.builds().get(0).checked().signature().reasons().get(0).startsWith("the record's subjects"),
                t.builds().get(0).checked().signature().toString());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aForgedRecordSignedByAnotherKeyFailsNow(Backend backend) throws SQLException {
        String url = store(backend, 1);
        ProvenanceRecord byAttacker = TestRecords.signed("evil", "build-2", attacker);
        forge(url, 2, byAttacker);
        ArtifactTrace t = trace(url, "evil", check);
        assertFalse(t.trustworthy());
        assertTrue(t.problems().contains("record 2: signature does not verify now: unknown key " + attacker.keyId()),
                t.problems().toString());
        assertEquals(SignatureStatus.VERIFIED, t.builds().get(0).record().signature().status(),
                "the record says verified about itself; that claim is shown, not believed");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEditedIndexColumnCannotMakeAQueryReturnAnotherBuildsRecord(Backend backend) throws SQLException {
        String url = store(backend, 3);
        Backend.tamper(url, "UPDATE records SET build_id = 'build-1', source_commit = 'ffff' WHERE seq = 2",
                "UPDATE record_subjects SET digest = '" + TestRecords.digest("artifact-1") + "' WHERE seq = 3");
        try (ProvenanceStore store = open(url)) {
            assertEquals(List.of(1L), store.byBuildId("build-1").stream().map(StoredRecord::seq).toList());
            assertTrue(store.byBuildId("build-2").isEmpty(), "hidden from the query (store verify names it), not substituted");
            assertTrue(store.byCommit("ffff").isEmpty());
            assertEquals(List.of(1L), store.bySubject(TestRecords.digest("artifact-1")).stream().map(StoredRecord::seq).toList());
            ChainReport report = store.verify(ChainCheck.signedBy(storePub));
            assertEquals(List.of(2L, 2L, 3L), report.problems().stream().map(ChainReport.Problem::seq).toList(), reasons(report));
            assertTrue(report.problems().get(0).reason().startsWith("build_id column build-1 does not match its content (build-2)"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTruncatedTailIsCaughtByTheCheckpointsAndARolledBackOneByTheKeptCopy(Backend backend) throws SQLException {
        String url = store(backend, 4);
        SignedCheckpoint kept;
        try (ProvenanceStore store = open(url)) {
            kept = store.latestCheckpoint().orElseThrow();
        }
        assertEquals(4, kept.checkpoint().size());
        assertTrue(verify(url, Optional.of(kept)).intact(), reasons(verify(url, Optional.of(kept))));

        Backend.tamper(url, "DELETE FROM record_subjects WHERE seq >= 3", "DELETE FROM records WHERE seq >= 3");
        ChainReport cut = verify(url, Optional.empty());
        assertTrue(cut.problems().stream().anyMatch(p -> p.seq() == 4 && p.reason().equals("missing: the log ends at record 2"
                + " but checkpoint #4 covers 4 records (rows cut off the end)")), reasons(cut));

        // Remove the checkpoints after record 2 too: the store's own latest checkpoint (2) now matches the log.
        Backend.tamper(url, "DELETE FROM checkpoints WHERE size >= 3");
        assertTrue(verify(url, Optional.empty()).intact(), "a rollback of records and checkpoints together is seen"
                + " only against a checkpoint kept elsewhere (documented)");
        ChainReport rolledBack = verify(url, Optional.of(kept));
        assertFalse(rolledBack.intact());
        assertTrue(rolledBack.problems().stream().anyMatch(p -> p.reason().startsWith("missing: the log ends at record 2 but the"
                + " checkpoint kept outside the store")), reasons(rolledBack));
        assertTrue(rolledBack.problems().stream().anyMatch(p -> p.reason().startsWith("the store's latest checkpoint covers 2"
                + " records but the checkpoint kept outside the store") && p.reason().endsWith("checkpoints were removed (rolled back)")),
                reasons(rolledBack));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRewrittenTailWithRecomputedHashesIsCaught(Backend backend) throws SQLException {
        String url = store(backend, 4);
        SignedCheckpoint kept;
        try (ProvenanceStore store = open(url)) {
            kept = store.latestCheckpoint().orElseThrow();
        }
        Backend.tamper(url, "DELETE FROM record_subjects WHERE seq >= 3", "DELETE FROM records WHERE seq >= 3");
        forge(url, 3, claimsVerified("evil-3", "build-3"));
        forge(url, 4, claimsVerified("evil-4", "build-4"));
        try (ProvenanceStore store = open(url)) {
            assertTrue(store.verify().problems().stream().allMatch(p -> p.reason().startsWith("checkpoint #")),
                    "a valid chain on its own; only the (unsigned, unless --store-pub) checkpoint rows disagree");
        }
        ChainReport rewritten = verify(url, Optional.empty());
        assertEquals(List.of(3L, 4L), rewritten.problems().stream().map(ChainReport.Problem::seq).toList(), reasons(rewritten));
        assertTrue(rewritten.problems().get(0).reason().startsWith("checkpoint #3 has head "), reasons(rewritten));
        assertTrue(rewritten.problems().get(1).reason().contains("the log was rewritten at or before this record"));
        assertFalse(trace(url, "evil-4", check).trustworthy());

        // With the checkpoints of the rewritten records removed as well, they are simply not covered.
        Backend.tamper(url, "DELETE FROM checkpoints WHERE size >= 3");
        ChainReport uncovered = verify(url, Optional.empty());
        assertEquals(List.of("record 3: records 3 to 4 come after the latest signed checkpoint (2 records): written"
                + " without the store key, or forged"), uncovered.problems().stream().map(Object::toString).toList());
        assertTrue(verify(url, Optional.of(kept)).problems().stream().anyMatch(p -> p.seq() == 4
                && p.reason().contains("is not the head of the checkpoint kept outside the store")), reasons(verify(url, Optional.of(kept))));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aForgedCheckpointIsCaught(Backend backend) throws SQLException {
        String url = store(backend, 2);
        forge(url, 3, claimsVerified("evil", "build-3"));
        String storeId;
        String head;
        try (ProvenanceStore store = open(url)) {
            storeId = store.id();
            head = store.bySeq(3).orElseThrow().hash();
        }
        // Signed with the attacker's key, for this store, covering the forged record.
        SignedCheckpoint forged = SignedCheckpoint.sign(new Checkpoint(storeId, 3, head, java.time.Instant.now()), attacker);
        Backend.tamper(url, "INSERT INTO checkpoints (seq, size, head_hash, signed_at, envelope) VALUES (3, 3, '" + head
                + "', 0, '" + forged.json() + "')");
        ChainReport report = verify(url, Optional.empty());
        assertEquals(List.of("record 3: checkpoint #3 (the latest, covering 3 records): its signature does not verify"
                + " against the store key(s) given (--store-pub): forged, or signed with another key"),
                report.problems().stream().map(Object::toString).toList());
        assertFalse(trace(url, "evil", check).trustworthy());

        // A genuine envelope under a row that claims more than it signed.
        SignedCheckpoint genuine;
        try (ProvenanceStore store = open(url)) {
            genuine = store.checkpointsCovering(2, 1).get(0);
        }
        Backend.tamper(url, "DELETE FROM checkpoints WHERE seq = 3", "INSERT INTO checkpoints (seq, size, head_hash, signed_at,"
                + " envelope) VALUES (3, 3, '" + head + "', 0, '" + genuine.json() + "')");
        ChainReport relabelled = verify(url, Optional.empty());
        assertTrue(relabelled.problems().get(0).reason().contains("its row says 3:" + head + " but the signed body says 2:"),
                reasons(relabelled));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCheckpointOfAnotherStoreSignedWithTheSameKeyIsRefused(Backend backend) {
        String a = store(backend, 2);
        String b = store(backend, 2);
        SignedCheckpoint ofB;
        try (ProvenanceStore store = open(b)) {
            ofB = store.latestCheckpoint().orElseThrow();
        }
        ChainReport r = verify(a, Optional.of(ofB));
        assertTrue(r.problems().stream().anyMatch(p -> p.reason().contains("is for store " + ofB.checkpoint().store())), reasons(r));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aStoreWriteWhoseCheckpointCannotBeSignedLeavesTheStoreAsItWas(Backend backend) {
        String url = store(backend, 1);
        Signer broken = new Signer() {
            @Override
            public KeyAlgorithm algorithm() {
                return storeKey.algorithm();
            }

            @Override
            public PublicKey publicKey() {
                return storeKey.publicKey();
            }

            @Override
            public byte[] sign(byte[] data) {
                throw new dev.hermeticbuild.sign.SigningException("token removed", null);
            }

            @Override
            public byte[] signSha256Digest(byte[] sha256) {
                throw new dev.hermeticbuild.sign.SigningException("token removed", null);
            }
        };
        try (ProvenanceStore store = ProvenanceStores.open(url, Optional.of(broken))) {
            assertThrows(dev.hermeticbuild.sign.SigningException.class,
                    () -> store.append(TestRecords.signed("artifact-2", "build-2", builder)));
            assertEquals(1, store.size());
        }
        ChainReport r = verify(url, Optional.empty());
        assertTrue(r.intact(), reasons(r));
        assertEquals(1, r.checkpoint().orElseThrow().checkpoint().size());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aStoreWithoutCheckpointsIsNotVouchedFor(Backend backend) {
        String url = backend.newStore(tmp);
        try (ProvenanceStore store = open(url)) {
            store.append(TestRecords.signed("artifact-1", "build-1", builder));
        }
        ChainReport none = verify(url, Optional.empty());
        assertEquals(1, none.problems().size());
        assertTrue(none.problems().get(0).reason().startsWith("no signed checkpoint: records 1 to 1 are not vouched for"));
        try (ProvenanceStore store = open(url)) {
            store.checkpoint(storeKey);
        }
        assertTrue(verify(url, Optional.empty()).intact());
        assertTrue(trace(url, "artifact-1", check).trustworthy());
    }

    @org.junit.jupiter.api.Test
    void aRecordFarBeforeItsCheckpointIsLinkedToItInBoundedChunks() throws SQLException {
        String url = Backend.SQLITE.newStore(tmp);
        try (ProvenanceStore store = open(url)) {
            List<ProvenanceRecord> many = new java.util.ArrayList<>();
            for (int i = 0; i < 2_500; i++) {
                many.add(TestRecords.unsigned("bulk-" + i, "bulk-" + i));
            }
            store.appendAll(many);
            store.checkpoint(storeKey);
            RecordCheck positions = new RecordCheck(Optional.empty(), Optional.of(storePub));
            CheckedRecord first = positions.check(store, store.bySeq(1).orElseThrow());
            assertTrue(first.position().verified(), first.position().toString());
        }
        Backend.tamper(url, "UPDATE records SET content = REPLACE(content, 'release', 'dev') WHERE seq = 1700");
        try (ProvenanceStore store = open(url)) {
            CheckedRecord first = new RecordCheck(Optional.empty(), Optional.of(storePub)).check(store, store.bySeq(1).orElseThrow());
            assertEquals("FAILED: the chain from it to the checkpoint of 2500 records is broken at record 1700 (run hermetic store"
                    + " verify)", first.position().toString());
        }
    }
}
