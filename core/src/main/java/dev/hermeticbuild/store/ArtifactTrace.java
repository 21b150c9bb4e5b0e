package dev.hermeticbuild.store;

import dev.hermeticbuild.verify.RevocationList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The incident checklist for one artifact digest, answered from the store and checked at read
 * time ({@link RecordCheck}): which builds produced it, from which commit and builder image,
 * signed by which key (revoked? verifying now?), reproducible or not, and its SBOM components.
 * {@link #trustworthy()} holds only when at least one build produced it, every build's bundle
 * verified now against the reader's keys, and nothing below is a problem; what the records say
 * about how they were checked when put is shown, never believed.
 *
 * @param sha256       the artifact's digest
 * @param builds       build records naming it as a subject, in log order
 * @param rebuilds     rebuild records for it, in log order
 * @param deployChecks verification records: where it was checked before running, and the outcome, in log order
 * @param reproducible the latest rebuild's outcome; empty until a rebuild was recorded
 * @param problems     every reason not to trust it, each naming its record
 * @param positions    whether positions were checked against the store key (else: say so)
 */
public record ArtifactTrace(String sha256, List<BuildTrace> builds, List<CheckedRecord> rebuilds,
                            List<CheckedRecord> deployChecks, Optional<Boolean> reproducible, List<String> problems, boolean positions) {

    public ArtifactTrace {
        builds = List.copyOf(builds);
        rebuilds = List.copyOf(rebuilds);
        deployChecks = List.copyOf(deployChecks);
        problems = List.copyOf(problems);
    }

    /** One build of the artifact, as checked now, and whether its key is revoked. */
    public record BuildTrace(CheckedRecord checked, Optional<String> revokedReason) {
        /** The record as stored. */
        public StoredRecord stored() {
            return checked.stored();
        }

        /** The record's content. */
        public ProvenanceRecord record() {
            return checked.record();
        }
    }

    /** Whether the artifact can be trusted: built at least once, and no problem found. */
    public boolean trustworthy() {
        return !builds.isEmpty() && problems.isEmpty();
    }

    /** Traces {@code sha256} through {@code store}, checking each record with {@code check}; {@code revoked} lists keys no longer trusted. */
    public static ArtifactTrace of(ProvenanceStore store, String sha256, RecordCheck check, RevocationList revoked) {
        List<StoredRecord> records = store.bySubject(sha256);
        if (records.isEmpty()) {
            throw new NotFoundException("no record of sha256:" + sha256 + " in store " + store.describe());
        }
        List<BuildTrace> builds = new ArrayList<>();
        List<CheckedRecord> rebuilds = new ArrayList<>();
        List<CheckedRecord> deployChecks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (CheckedRecord cr : check.check(store, records)) {
            problems.addAll(cr.problems());
            ProvenanceRecord r = cr.record();
            if (r.kind() == RecordKind.REBUILD) {
                rebuilds.add(cr);
                continue;
            }
            if (r.kind() == RecordKind.VERIFICATION) {
                deployChecks.add(cr);
                continue;
            }
            Optional<String> revokedReason = r.signature().keyId().flatMap(revoked::reason);
            builds.add(new BuildTrace(cr, revokedReason));
            revokedReason.ifPresent(why -> problems.add("record " + cr.stored().seq() + ": signed by revoked key "
                    + r.signature().keyId().get() + (why.isEmpty() ? "" : ": " + why)));
        }
        Optional<Boolean> reproducible = Optional.empty();
        if (!rebuilds.isEmpty()) {
            CheckedRecord last = rebuilds.get(rebuilds.size() - 1);
            ProvenanceRecord.RebuildOutcome o = last.record().rebuild().orElseThrow();
            reproducible = Optional.of(o.reproducible());
            if (!o.reproducible()) {
                problems.add("record " + last.stored().seq() + ": rebuild did not reproduce the artifact"
                        + (o.differences().isEmpty() ? "" : ": " + String.join("; ", o.differences())));
            }
        }
        if (builds.isEmpty()) {
            problems.add("no build record produced it (only rebuild or verification records)");
        }
        return new ArtifactTrace(sha256, builds, rebuilds, deployChecks, reproducible, problems, check.checksPositions());
    }
}
