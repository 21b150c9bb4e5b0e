package dev.hermeticbuild.store;

import dev.hermeticbuild.verify.RevocationList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The incident checklist for one artifact digest, answered from the store: which builds
 * produced it, from which commit and builder image, signed by which key (revoked?), verified
 * or not, reproducible or not, and its SBOM components. {@link #trustworthy()} holds only when
 * at least one build produced it and nothing below is a problem.
 *
 * @param sha256       the artifact's digest
 * @param builds       build records naming it as a subject, in log order
 * @param rebuilds     rebuild records for it, in log order
 * @param reproducible the latest rebuild's outcome; empty until a rebuild was recorded
 * @param problems     every reason not to trust it, each naming its record
 */
public record ArtifactTrace(String sha256, List<BuildTrace> builds, List<StoredRecord> rebuilds,
                            Optional<Boolean> reproducible, List<String> problems) {

    public ArtifactTrace {
        builds = List.copyOf(builds);
        rebuilds = List.copyOf(rebuilds);
        problems = List.copyOf(problems);
    }

    /** One build of the artifact and what is known of its signature. */
    public record BuildTrace(StoredRecord stored, Optional<String> revokedReason, boolean hashIntact) {
        /** The record's content. */
        public ProvenanceRecord record() {
            return stored.record();
        }
    }

    /** Whether the artifact can be trusted: built at least once, and no problem found. */
    public boolean trustworthy() {
        return !builds.isEmpty() && problems.isEmpty();
    }

    /** Traces {@code sha256} through {@code store}; {@code revoked} lists keys no longer trusted. */
    public static ArtifactTrace of(ProvenanceStore store, String sha256, RevocationList revoked) {
        List<StoredRecord> records = store.bySubject(sha256);
        if (records.isEmpty()) {
            throw new NotFoundException("no record of sha256:" + sha256 + " in store " + store.describe());
        }
        List<BuildTrace> builds = new ArrayList<>();
        List<StoredRecord> rebuilds = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (StoredRecord sr : records) {
            boolean intact = RecordHash.of(sr.seq(), sr.prevHash(), RecordCodec.encode(sr.record())).equals(sr.hash());
            if (!intact) {
                problems.add("record " + sr.seq() + ": its hash does not match its content (run hermetic store verify)");
            }
            ProvenanceRecord r = sr.record();
            if (r.kind() == RecordKind.REBUILD) {
                rebuilds.add(sr);
                continue;
            }
            Optional<String> revokedReason = r.signature().keyId().flatMap(revoked::reason);
            builds.add(new BuildTrace(sr, revokedReason, intact));
            String at = "record " + sr.seq() + ": ";
            switch (r.signature().status()) {
                case VERIFIED -> { }
                case FAILED -> problems.add(at + "signature failed verification when recorded: "
                        + String.join("; ", r.signature().reasons()));
                case UNVERIFIED -> problems.add(at + "recorded unverified (no trusted key given at put)");
                case UNSIGNED -> problems.add(at + "provenance is not signed");
            }
            revokedReason.ifPresent(why -> problems.add(at + "signed by revoked key " + r.signature().keyId().get()
                    + (why.isEmpty() ? "" : ": " + why)));
        }
        Optional<Boolean> reproducible = Optional.empty();
        if (!rebuilds.isEmpty()) {
            StoredRecord last = rebuilds.get(rebuilds.size() - 1);
            ProvenanceRecord.RebuildOutcome o = last.record().rebuild().orElseThrow();
            reproducible = Optional.of(o.reproducible());
            if (!o.reproducible()) {
                problems.add("record " + last.seq() + ": rebuild did not reproduce the artifact"
                        + (o.differences().isEmpty() ? "" : ": " + String.join("; ", o.differences())));
            }
        }
        if (builds.isEmpty()) {
            problems.add("no build record produced it (only rebuild records)");
        }
        return new ArtifactTrace(sha256, builds, rebuilds, reproducible, problems);
    }
}
