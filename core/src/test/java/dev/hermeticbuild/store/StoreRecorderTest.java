package dev.hermeticbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.sign.KeyAlgorithm;
import dev.hermeticbuild.sign.KeyGen;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.sign.Signers;
import dev.hermeticbuild.testing.Fixtures;
import dev.hermeticbuild.verify.VerificationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every front end records through {@link StoreRecorder}, in a real SQLite store. */
class StoreRecorderTest {

    private static final byte[] SBOM = ("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"type\":\"library\","
            + "\"name\":\"lib\",\"version\":\"1\",\"purl\":\"pkg:maven/g/lib@1\",\"hashes\":[{\"alg\":\"SHA-256\","
            + "\"content\":\"" + "a".repeat(64) + "\"}]}]}").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("store.db");
    }

    private static Evidence statement(String label) {
        return new Evidence(label + ".json", Fixtures.provenance("build/" + label + ".jar", TestRecords.digest(label))
                .getBytes(StandardCharsets.UTF_8));
    }

    private static Signer signer() {
        return Signers.of(KeyGen.generate(KeyAlgorithm.ECDSA_P256));
    }

    @Test
    void everyDeployTimeCheckIsOneVerificationRecordAndReadsBackAsWritten() {
        StoreRecorder recorder = new StoreRecorder(url(), Optional.empty(), Optional.empty());
        var refused = new ProvenanceRecord.VerificationOutcome(TestRecords.digest("app"), "admission",
                Optional.of("registry.example/team/app@sha256:" + TestRecords.digest("app")), false, List.of("unknown-key", "builder-id"));
        var passed = new ProvenanceRecord.VerificationOutcome(TestRecords.digest("app"), "verify", Optional.empty(), true, List.of());
        Recorded first = recorder.verification("app", refused);
        Recorded again = recorder.verification("app", refused);
        Recorded third = recorder.verification("app", passed);
        assertTrue(again.appended(), "a check repeated is a second attempt, not a retry of the first");
        assertEquals(List.of(1L, 2L, 3L), List.of(first.stored().seq(), again.stored().seq(), third.stored().seq()));
        assertTrue(first.summary().contains("(verification refused)"), first.summary());
        try (ProvenanceStore store = ProvenanceStores.open(url())) {
            ProvenanceRecord read = store.bySeq(1).orElseThrow().record();
            assertEquals(RecordKind.VERIFICATION, read.kind());
            assertEquals(Optional.of(refused), read.verification());
            assertEquals(3, store.bySubject(TestRecords.digest("app")).size());
            assertTrue(store.verify().intact());
        }
        assertThrows(IllegalArgumentException.class, () -> new ProvenanceRecord.VerificationOutcome(TestRecords.digest("app"),
                "verify", Optional.empty(), false, List.of()), "a refusal names its reasons");
    }

    @Test
    void anUnsignedStatementIsRecordedOnceWithItsSbomAndBuildId() {
        StoreRecorder recorder = new StoreRecorder(url(), Optional.empty(), Optional.of("app#12"));
        Recorded first = recorder.statement(statement("app"), Optional.of(new Evidence("app SBOM", SBOM)));
        Recorded again = recorder.statement(statement("app"), Optional.of(new Evidence("app SBOM", SBOM)));

        assertTrue(first.appended());
        assertFalse(again.appended(), "a retried step finds its record");
        assertEquals(first.stored().seq(), again.stored().seq());
        assertEquals(SignatureStatus.UNSIGNED, first.stored().record().signature().status());
        assertEquals(RecordKind.BUILD, first.stored().record().kind());
        assertTrue(first.stored().record().sbom().isPresent());
        assertTrue(first.summary().startsWith("recorded #1 in "), first.summary());
        assertTrue(again.summary().startsWith("already recorded as #1 in "), again.summary());
        try (ProvenanceStore store = ProvenanceStores.open(url())) {
            assertEquals(1, store.byBuildId("app#12").size());
            assertTrue(store.verify().intact());
        }
    }

    @Test
    void aBundleIsVerifiedAgainstItsSignersKeyAndRefusedWhenItDoesNotMatch() {
        Signer signer = signer();
        StoreRecorder recorder = new StoreRecorder(url(), Optional.empty(), Optional.empty());
        byte[] bundle = TestRecords.bundle("app", signer);

        Recorded verified = recorder.bundle(new Evidence("app.sigstore.json", bundle), Optional.of(signer.publicKey()), Optional.empty());
        assertEquals(SignatureStatus.VERIFIED, verified.stored().record().signature().status());
        assertTrue(verified.summary().contains("(verified), hash " + verified.stored().hash()), verified.summary());

        byte[] other = TestRecords.bundle("other", signer);
        assertThrows(VerificationException.class, () -> recorder.bundle(new Evidence("other.sigstore.json", other),
                Optional.of(signer().publicKey()), Optional.empty()));
        try (ProvenanceStore store = ProvenanceStores.open(url())) {
            assertEquals(List.of(), store.bySubject(TestRecords.digest("other")), "a bundle that does not verify is not stored");
        }
    }

    @Test
    void aBundleWithoutASignerKeyIsRecordedUnverified() {
        Recorded keyless = new StoreRecorder(url(), Optional.empty(), Optional.empty())
                .bundle(new Evidence("app.sigstore.json", TestRecords.bundle("app", signer())), Optional.empty(), Optional.empty());
        assertEquals(SignatureStatus.UNVERIFIED, keyless.stored().record().signature().status());
    }

    @Test
    void aReproducibilityOutcomeIsOneRebuildRecordPerProducedOutput() {
        StoreRecorder recorder = new StoreRecorder(url(), Optional.empty(), Optional.of("app#3"));
        RebuildRecords records = recorder.rebuild(new RebuildEvidence(true, List.of(
                new RebuildEvidence.Compared("app.jar", TestRecords.digest("app"), true, List.of()),
                new RebuildEvidence.Compared("lib.jar", TestRecords.digest("lib"), false, List.of("timestamps differ")),
                new RebuildEvidence.Compared("gone.jar", null, false, List.of("only in the second build")))));

        assertEquals(2, records.records().size(), "an output the first build did not produce has no digest to record");
        assertEquals(2, records.lines().size());
        StoredRecord lib = records.records().get(1).stored();
        assertEquals(RecordKind.REBUILD, lib.record().kind());
        assertFalse(lib.record().rebuild().orElseThrow().reproducible());
    }

    @Test
    void aFailedRebuildRecordsNothingAndSaysWhy() {
        RebuildRecords records = new StoreRecorder(url(), Optional.empty(), Optional.empty())
                .rebuild(new RebuildEvidence(false, List.of(new RebuildEvidence.Compared("app.jar", TestRecords.digest("app"), false,
                        List.of()))));
        assertEquals(List.of(), records.records());
        assertEquals(List.of("not recorded in the store: a failed rebuild says nothing about reproducibility"), records.lines());
        try (ProvenanceStore store = ProvenanceStores.open(url())) {
            assertEquals(List.of(), store.bySubject(TestRecords.digest("app")));
        }
    }

    @Test
    void withAStoreKeyEachRecordAlsoSignsACheckpoint() {
        Recorded recorded = new StoreRecorder(url(), Optional.of(signer()), Optional.empty()).statement(statement("app"), Optional.empty());
        assertTrue(recorded.checkpointSigned());
        assertTrue(recorded.summary().endsWith(", checkpoint signed"), recorded.summary());
    }
}
