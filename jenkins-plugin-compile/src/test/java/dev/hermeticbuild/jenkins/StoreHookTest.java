package dev.hermeticbuild.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.store.ProvenanceStore;
import dev.hermeticbuild.store.ProvenanceStores;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What hermeticBuild records in the configured store: a real SQLite store, a real provenance. */
class StoreHookTest {

    @Test
    void aBuildsProvenanceIsAppendedOnceAndItsPositionKept(@TempDir Path dir) throws Exception {
        byte[] statement;
        try (InputStream in = ProvenanceTabTest.class.getResourceAsStream("hello-release.provenance.json")) {
            statement = in.readAllBytes();
        }
        String url = "jdbc:sqlite:" + dir.resolve("store.db");
        StoreRecordView first = StoreHook.record(url, statement, "provenance.json", java.util.Optional.empty(), "app#12");
        StoreRecordView again = StoreHook.record(url, statement, "provenance.json", java.util.Optional.empty(), "app#12");
        assertEquals(first.getSeq(), again.getSeq(), "a retried step must not append twice");
        assertEquals(64, first.getHash().length());
        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            assertTrue(store.verify().intact());
            assertEquals(1, store.byBuildId("app#12").size());
        }
    }

    /** hermeticBuild records the statement and its SBOM, attest the signed bundle: one build on the dashboard. */
    @Test
    void aBuildThatAlsoAttestsIsOneBuildWithItsSbomOnTheDashboard(@TempDir Path dir) throws Exception {
        byte[] statement;
        try (InputStream in = ProvenanceTabTest.class.getResourceAsStream("hello-release.provenance.json")) {
            statement = in.readAllBytes();
        }
        byte[] sbom = ("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"type\":\"library\","
                + "\"name\":\"lib\",\"version\":\"1\",\"purl\":\"pkg:maven/g/lib@1\",\"hashes\":[{\"alg\":\"SHA-256\","
                + "\"content\":\"" + "a".repeat(64) + "\"}]}]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var signer = dev.hermeticbuild.sign.Signers.of(dev.hermeticbuild.sign.KeyGen.generate(dev.hermeticbuild.sign.KeyAlgorithm.ECDSA_P256));
        String url = "jdbc:sqlite:" + dir.resolve("store.db");
        StoreHook.record(url, statement, "provenance.json", java.util.Optional.of(sbom), "app#14");
        StoreHook.recordBundle(url, dev.hermeticbuild.sign.Attestor.attest(statement, "test", signer), signer.publicKey(),
                "attestation", "app#14");
        var check = dev.hermeticbuild.store.RecordCheck.trusting(dev.hermeticbuild.verify.Keyring.of(signer.publicKey()));
        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            String html = dev.hermeticbuild.report.Dashboard.render(dev.hermeticbuild.report.Dashboard.Input.from(store,
                    HermeticDashboardAction.WINDOW, "30d", java.time.Instant.now(), check));
            assertTrue(html.contains("1 of 1 builds"), html);
            assertTrue(!html.contains("of 2 builds"), html);
        }
    }

    @Test
    void aSignedAttestationIsRecordedAsVerified(@TempDir Path dir) throws Exception {
        byte[] statement;
        try (InputStream in = ProvenanceTabTest.class.getResourceAsStream("hello-release.provenance.json")) {
            statement = in.readAllBytes();
        }
        var signer = dev.hermeticbuild.sign.Signers.of(dev.hermeticbuild.sign.KeyGen.generate(dev.hermeticbuild.sign.KeyAlgorithm.ECDSA_P256));
        byte[] bundle = dev.hermeticbuild.sign.Attestor.attest(statement, "test", signer);
        String url = "jdbc:sqlite:" + dir.resolve("store.db");
        StoreRecordView view = StoreHook.recordBundle(url, bundle, signer.publicKey(), "attestation", "app#13");
        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            var stored = store.byBuildId("app#13");
            assertEquals(1, stored.size());
            assertEquals(view.getSeq(), stored.get(0).seq());
            assertEquals("verified", stored.get(0).record().signature().status().label());
        }
    }
}
