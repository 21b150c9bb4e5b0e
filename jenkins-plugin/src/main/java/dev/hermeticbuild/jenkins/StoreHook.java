package dev.hermeticbuild.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
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

    /** The configured store URL with its password, if a store is configured. */
    static Optional<String> url(Run<?, ?> run) throws IOException {
        HermeticGlobalConfiguration g = HermeticGlobalConfiguration.get();
        if (g.getStoreUrl().isBlank()) {
            return Optional.empty();
        }
        Optional<String> password = Optional.empty();
        if (!g.getStoreCredentialsId().isBlank()) {
            StringCredentials c = CredentialsProvider.findCredentialById(g.getStoreCredentialsId(), StringCredentials.class, run);
            if (c == null) {
                throw new AbortException(Text.get("Keys.UnknownCredential", g.getStoreCredentialsId()));
            }
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
        var ingest = new RecordIngest(Optional.of(dev.hermeticbuild.verify.VerifyPolicy.trusting(dev.hermeticbuild.verify.Keyring.of(signerKey))),
                false, Clock.systemUTC());
        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            StoredRecord stored = store.appendOnce(ingest.fromBundle(bundle, name, Optional.empty(), Optional.of(buildId)));
            return new StoreRecordView(stored.seq(), stored.hash(), store.describe());
        }
    }

    /** After attest: record the signed provenance, and show the position on the Provenance tab. */
    static void afterAttest(Run<?, ?> run, byte[] bundle, java.security.PublicKey signerKey, String name) throws IOException {
        Optional<String> url = url(run);
        if (url.isPresent()) {
            RunFiles.action(run).addStoreRecord(recordBundle(url.get(), bundle, signerKey, name, buildId(run)));
        }
    }

    static String buildId(Run<?, ?> run) {
        return run.getParent().getFullName() + "#" + run.getNumber();
    }

    /** After hermeticBuild: record the statement with its SBOM, and show the position on the Provenance tab. */
    static void afterBuild(Run<?, ?> run, byte[] statement, String name, byte[] sbom) throws IOException {
        Optional<String> url = url(run);
        if (url.isPresent()) {
            RunFiles.action(run).addStoreRecord(record(url.get(), statement, name, Optional.of(sbom), buildId(run)));
        }
    }
}
