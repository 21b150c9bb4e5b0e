package dev.hermeticbuild.metrics;

import dev.hermeticbuild.store.CheckedRecord;
import dev.hermeticbuild.store.ProvenanceRecord;
import dev.hermeticbuild.store.RecordCheck;
import dev.hermeticbuild.store.SignatureStatus;
import dev.hermeticbuild.store.RecordKind;
import dev.hermeticbuild.store.StoredRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.function.Function;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes {@link Slis} from store records. A record belongs to the window by the time the store
 * accepted it. Reproducibility counts each artifact once, by its latest rebuild; flakiness is
 * the share of artifacts rebuilt at least twice whose rebuilds disagree (the build is
 * nondeterministic: same inputs, different outputs). Failed builds write no provenance, so
 * pass/fail flakiness of the build command cannot be measured from the store. Records that share
 * a build id and their subjects (a CI build that recorded its provenance, then its signed
 * attestation of the same artifacts) are one build: verified if any of its signatures verifies,
 * with the SBOM any of them carries.
 */
public final class SliCalculator {

    private SliCalculator() {
    }

    /**
     * The indicators of {@code records} accepted in [{@code from}, {@code to}), with each
     * signature counted as it checked at read time ({@link RecordCheck}): a signature not
     * checked counts as unverified, never as verified.
     */
    public static Slis computeChecked(List<CheckedRecord> records, Instant from, Instant to) {
        Map<StoredRecord, SignatureStatus> now = new IdentityHashMap<>();
        for (CheckedRecord cr : records) {
            now.put(cr.stored(), switch (cr.signature().outcome()) {
                case VERIFIED -> SignatureStatus.VERIFIED;
                case FAILED -> SignatureStatus.FAILED;
                case NOT_CHECKED -> SignatureStatus.UNVERIFIED;
                case UNSIGNED -> SignatureStatus.UNSIGNED;
            });
        }
        return compute(records.stream().map(CheckedRecord::stored).toList(), now::get, from, to);
    }

    /** The best of the statuses of one build's records: one verified signature makes the build's provenance verified. */
    private static SignatureStatus best(List<SignatureStatus> statuses) {
        for (SignatureStatus s : List.of(SignatureStatus.VERIFIED, SignatureStatus.FAILED, SignatureStatus.UNVERIFIED)) {
            if (statuses.contains(s)) {
                return s;
            }
        }
        return SignatureStatus.UNSIGNED;
    }

    /** The indicators of {@code records} accepted in [{@code from}, {@code to}), with the signature statuses recorded at put. */
    public static Slis compute(List<StoredRecord> records, Instant from, Instant to) {
        return compute(records, sr -> sr.record().signature().status(), from, to);
    }

    private static Slis compute(List<StoredRecord> records, Function<StoredRecord, SignatureStatus> status,
                                Instant from, Instant to) {
        int builds = 0, verified = 0, failed = 0, unverified = 0, unsigned = 0, withSbom = 0;
        long components = 0, complete = 0, hits = 0, misses = 0;
        List<Duration> lead = new ArrayList<>();
        List<Duration> latency = new ArrayList<>();
        Map<String, List<Boolean>> rebuilds = new LinkedHashMap<>();
        Map<String, List<StoredRecord>> byBuild = new LinkedHashMap<>();
        int deployChecks = 0, deployPassed = 0;
        java.util.SortedMap<String, Integer> refusals = new java.util.TreeMap<>();
        for (StoredRecord sr : records) {
            ProvenanceRecord r = sr.record();
            if (r.recordedAt().isBefore(from) || !r.recordedAt().isBefore(to)) {
                continue;
            }
            if (r.kind() == RecordKind.REBUILD) {
                ProvenanceRecord.RebuildOutcome o = r.rebuild().orElseThrow();
                rebuilds.computeIfAbsent(o.sha256(), k -> new ArrayList<>()).add(o.reproducible());
                continue;
            }
            if (r.kind() == RecordKind.VERIFICATION) {
                ProvenanceRecord.VerificationOutcome o = r.verification().orElseThrow();
                deployChecks++;
                deployPassed += o.passed() ? 1 : 0;
                o.reasons().forEach(reason -> refusals.merge(reason, 1, Integer::sum));
                continue;
            }
            // One build: the same build id and the same artifacts. A signed bundle replayed under another
            // build's id names other subjects, so it cannot make that build's unsigned record count as verified.
            String key = r.buildId().map(id -> "id:" + id + " " + r.subjects().stream().map(ProvenanceRecord.Subject::sha256)
                    .sorted().toList()).orElse("seq:" + sr.seq());
            byBuild.computeIfAbsent(key, k -> new ArrayList<>()).add(sr);
        }
        for (List<StoredRecord> build : byBuild.values()) {
            builds++;
            switch (best(build.stream().map(status).toList())) {
                case VERIFIED -> verified++;
                case FAILED -> failed++;
                case UNVERIFIED -> unverified++;
                case UNSIGNED -> unsigned++;
            }
            build.forEach(sr -> sr.record().signature().verifyMillis().ifPresent(ms -> latency.add(Duration.ofMillis(ms))));
            java.util.Optional<dev.hermeticbuild.store.SbomSummary> sbom = build.stream().map(sr -> sr.record().sbom())
                    .flatMap(java.util.Optional::stream)
                    .max(java.util.Comparator.comparingInt(summary -> summary.components().size()));
            if (sbom.isPresent()) {
                withSbom++;
                components += sbom.get().components().size();
                complete += sbom.get().complete();
            }
            ProvenanceRecord.BuildFacts facts = build.get(0).record().build();
            hits += build.stream().mapToLong(sr -> sr.record().build().cacheHits().orElse(0L)).max().orElse(0L);
            misses += build.stream().mapToLong(sr -> sr.record().build().cacheMisses().orElse(0L)).max().orElse(0L);
            if (facts.startedOn().isPresent() && facts.finishedOn().isPresent()) {
                Duration d = Duration.between(facts.startedOn().get(), facts.finishedOn().get());
                if (!d.isNegative()) {
                    lead.add(d);
                }
            }
        }
        int rebuilt = rebuilds.size();
        int reproducible = 0, twice = 0, flaky = 0;
        for (List<Boolean> outcomes : rebuilds.values()) {
            reproducible += outcomes.get(outcomes.size() - 1) ? 1 : 0;
            if (outcomes.size() >= 2) {
                twice++;
                flaky += outcomes.contains(true) && outcomes.contains(false) ? 1 : 0;
            }
        }
        lead.sort(null);
        latency.sort(null);
        return new Slis(from, to, builds, verified, failed, unverified, unsigned, withSbom, components, complete,
                rebuilt, reproducible, twice, flaky, hits, misses, lead, latency, deployChecks, deployPassed, refusals);
    }
}
