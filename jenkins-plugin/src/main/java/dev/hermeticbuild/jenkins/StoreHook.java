package dev.hermeticbuild.jenkins;

import dev.hermeticbuild.store.ProvenanceStore;
import dev.hermeticbuild.store.ProvenanceStores;
import dev.hermeticbuild.store.RecordIngest;
import dev.hermeticbuild.store.StoreUrls;
import dev.hermeticbuild.store.StoredRecord;
import hudson.AbortException;
import hudson.model.Run;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** Records a build's provenance in the configured provenance store, and remembers where on the build's tab. */
final class StoreHook {

    private StoreHook() {
    }

    /**
     * The configured store URL with its password, if a store is configured. The password
     * credential is the controller's (looked up at system level; it may be SYSTEM-scoped), so the
     * dashboard, which has no build, reads it the same way.
     */
    static Optional<String> url() throws IOException {
        HermeticGlobalConfiguration g = HermeticGlobalConfiguration.get();
        if (g.getStoreUrl().isBlank()) {
            return Optional.empty();
        }
        Optional<String> password = Optional.empty();
        String id = g.getStoreCredentialsId();
        if (!id.isBlank()) {
            StringCredentials c = (StringCredentials) ControllerCredentials.system(id, StringCredentials.class)
                    .orElseThrow(() -> new AbortException(Text.get("Store.UnknownCredential", id, ControllerCredentials.SYSTEM_SCOPES)));
            password = Optional.of(c.getSecret().getPlainText());
        }
        return Optional.of(StoreUrls.withPassword(g.getStoreUrl(), password));
    }

    /** Records an unsigned provenance statement of this build; returns the record and the store it is in. */
    static StoreRecordView record(String url, byte[] statement, String name, Optional<byte[]> sbom, String buildId) {
        var summary = sbom.map(bytes -> dev.hermeticbuild.store.SbomReader.read(bytes, name + " SBOM"));
        var record = new RecordIngest(Optional.empty(), true, Clock.systemUTC()).fromStatement(statement, name, summary, Optional.of(buildId));
        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            StoredRecord stored = store.appendOnce(record);
            return new StoreRecordView(stored.seq(), stored.hash(), store.describe());
        }
    }

    /** Records a signed attestation bundle, its signature checked against the signer's own key. */
    static StoreRecordView recordBundle(String url, byte[] bundle, java.security.PublicKey signerKey, String name, String buildId) {
        var policy = dev.hermeticbuild.verify.VerifyPolicy.builder().keyring(dev.hermeticbuild.verify.Keyring.of(signerKey))
                .requireHermetic(false).build();
        var ingest = new RecordIngest(Optional.of(policy), false, Clock.systemUTC());
        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            StoredRecord stored = store.appendOnce(ingest.fromBundle(bundle, name, Optional.empty(), Optional.of(buildId)));
            return new StoreRecordView(stored.seq(), stored.hash(), store.describe());
        }
    }

    /** After attest: record the signed provenance, and show the position on the Provenance tab. */
    static void afterAttest(Run<?, ?> run, byte[] bundle, java.security.PublicKey signerKey, String name) throws IOException {
        Optional<String> url = url();
        if (url.isPresent()) {
            RunFiles.action(run).addStoreRecord(recordBundle(url.get(), bundle, signerKey, name, buildId(run)));
        }
    }

    static String buildId(Run<?, ?> run) {
        return run.getParent().getFullName() + "#" + run.getNumber();
    }

    /** After hermeticBuild: record the statement with its SBOM, and show the position on the Provenance tab. */
    static void afterBuild(Run<?, ?> run, byte[] statement, String name, byte[] sbom) throws IOException {
        Optional<String> url = url();
        if (url.isPresent()) {
            RunFiles.action(run).addStoreRecord(record(url.get(), statement, name, Optional.of(sbom), buildId(run)));
        }
    }
}
