package dev.hermeticbuild.store;

import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.verify.Keyring;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records what a build just produced in a provenance store, the same way from every front end
 * (the {@code hermetic} command, the Jenkins steps): an unsigned statement as unsigned; a signed
 * bundle verified against the key of the signer that made it, so a bundle that does not verify
 * is refused (whether that key is trusted is for the verifier), or recorded unverified when no
 * signer key is known (keyless); a reproducibility outcome as one rebuild record per output, and
 * nothing for a rebuild that failed; a deploy-time check as one verification record. Appending is
 * idempotent, so a retried step records once, except for verification records: every check counts.
 */
public final class StoreRecorder {

    private final String storeUrl;
    private final Optional<Signer> checkpointKey;
    private final Optional<String> buildId;
    private final Clock clock;

    /**
     * @param storeUrl      the store's JDBC URL (with its password, if any)
     * @param checkpointKey the store key: with it, every record written also signs a checkpoint
     * @param buildId       the CI build the records belong to, when there is one
     */
    public StoreRecorder(String storeUrl, Optional<Signer> checkpointKey, Optional<String> buildId) {
        this(storeUrl, checkpointKey, buildId, Clock.systemUTC());
    }

    /** As above, with the clock that dates the records. */
    public StoreRecorder(String storeUrl, Optional<Signer> checkpointKey, Optional<String> buildId, Clock clock) {
        this.storeUrl = storeUrl;
        this.checkpointKey = checkpointKey;
        this.buildId = buildId;
        this.clock = clock;
    }

    /** Records a build's unsigned provenance statement, with its SBOM when it wrote one. */
    public Recorded statement(Evidence statement, Optional<Evidence> sbom) {
        return append(unverifiedIngest().fromStatement(statement.bytes(), statement.name(), summary(sbom), buildId));
    }

    /**
     * Records a signed provenance bundle, with its SBOM when there is one: verified against
     * {@code signerKey}, which it must match; without a signer key (keyless), recorded unverified.
     */
    public Recorded bundle(Evidence bundle, Optional<PublicKey> signerKey, Optional<Evidence> sbom) {
        RecordIngest ingest = signerKey.map(key -> new RecordIngest(Optional.of(VerifyPolicy.builder().keyring(Keyring.of(key)).requireHermetic(false).build()), false, clock))
                .orElseGet(this::unverifiedIngest);
        return append(ingest.fromBundle(bundle.bytes(), bundle.name(), summary(sbom), buildId));
    }

    /**
     * Records a reproducibility outcome: one rebuild record per output the first build produced.
     * A rebuild that did not complete records nothing, and says why.
     */
    public RebuildRecords rebuild(RebuildEvidence evidence) {
        if (!evidence.completed()) {
            return new RebuildRecords(List.of(),
                    Optional.of("not recorded in the store: a failed rebuild says nothing about reproducibility"));
        }
        List<Recorded> recorded = new ArrayList<>();
        RecordIngest ingest = unverifiedIngest();
        for (RebuildEvidence.Compared s : evidence.subjects()) {
            if (s.sha256() != null) {
                recorded.add(append(ingest.rebuild(s.name(), s.sha256(), s.reproducible(), s.differences(), buildId)));
            }
        }
        return new RebuildRecords(recorded, Optional.empty());
    }

    /**
     * Records the outcome of checking {@code name} ({@code outcome.sha256()}) where it was to run:
     * one verification record, whether the policy let it run or not.
     */
    public Recorded verification(String name, ProvenanceRecord.VerificationOutcome outcome) {
        ProvenanceRecord record = unverifiedIngest().verification(name, outcome, buildId);
        try (ProvenanceStore store = ProvenanceStores.open(storeUrl, checkpointKey)) {
            // every attempt counts (a deploy retried is checked again), so the same outcome is appended each time
            return new Recorded(store.append(record), store.describe(), true, checkpointKey.isPresent());
        }
    }

    private RecordIngest unverifiedIngest() {
        return new RecordIngest(Optional.empty(), true, clock);
    }

    private static Optional<SbomSummary> summary(Optional<Evidence> sbom) {
        return sbom.map(s -> SbomReader.read(s.bytes(), s.name()));
    }

    private Recorded append(ProvenanceRecord record) {
        try (ProvenanceStore store = ProvenanceStores.open(storeUrl, checkpointKey)) {
            StoredRecord stored = store.appendOnce(record);
            return new Recorded(stored, store.describe(), stored.record().recordedAt().equals(record.recordedAt()),
                    checkpointKey.isPresent());
        }
    }
}
