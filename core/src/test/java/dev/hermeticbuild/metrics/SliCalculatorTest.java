package dev.hermeticbuild.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.store.Digests;
import dev.hermeticbuild.store.ProvenanceRecord;
import dev.hermeticbuild.store.ProvenanceRecord.BuildFacts;
import dev.hermeticbuild.store.ProvenanceRecord.RebuildOutcome;
import dev.hermeticbuild.store.ProvenanceRecord.Signature;
import dev.hermeticbuild.store.ProvenanceRecord.Subject;
import dev.hermeticbuild.store.RecordKind;
import dev.hermeticbuild.store.RecordHash;
import dev.hermeticbuild.store.SignatureStatus;
import dev.hermeticbuild.store.StoredRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The indicators' definitions, on hand-made records: window edges, quantiles, reproducibility and flakiness. */
class SliCalculatorTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private final List<StoredRecord> records = new ArrayList<>();

    private void build(Instant at, SignatureStatus status, long seconds) {
        BuildFacts facts = new BuildFacts(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(at.minusSeconds(seconds)), Optional.of(at),
                Optional.of(3L), Optional.of(1L));
        add(new ProvenanceRecord(RecordKind.BUILD, at, Optional.empty(), List.of(new Subject("a", Digests.sha256("a" + at))),
                facts, new Signature(status, Optional.empty(), List.of(), Optional.of(5L)), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    private void rebuild(Instant at, String artifact, boolean reproducible) {
        String d = Digests.sha256(artifact);
        add(new ProvenanceRecord(RecordKind.REBUILD, at, Optional.empty(), List.of(new Subject(artifact, d)),
                BuildFacts.none(), Signature.unsigned(), Optional.empty(),
                Optional.of(new RebuildOutcome(d, reproducible, List.of())), Optional.empty(), Optional.empty()));
    }

    private void check(Instant at, boolean passed, String... reasons) {
        String d = Digests.sha256("image");
        add(new ProvenanceRecord(RecordKind.VERIFICATION, at, Optional.empty(), List.of(new Subject("image", d)),
                BuildFacts.none(), Signature.unsigned(), Optional.empty(), Optional.empty(),
                Optional.of(new ProvenanceRecord.VerificationOutcome(d, "admission", Optional.empty(), passed, List.of(reasons))),
                Optional.empty()));
    }

    @Test
    void deployTimeChecksAreCountedApartFromBuilds() {
        build(T0.plusSeconds(10), SignatureStatus.VERIFIED, 60);
        check(T0.plusSeconds(20), true);
        check(T0.plusSeconds(30), false, "unknown-key");
        check(T0.plusSeconds(40), false, "unknown-key", "builder-id");
        check(T0.plusSeconds(50), true);
        check(T0.plusSeconds(7200), false, "max-age");
        Slis s = SliCalculator.compute(records, T0, T0.plusSeconds(3600));
        assertEquals(1, s.builds(), "a verification record is not a build");
        assertEquals(4, s.deployChecks());
        assertEquals(2, s.deployChecksPassed());
        assertEquals(OptionalDouble.of(0.5), s.deployVerificationPassRate());
        assertEquals(java.util.Map.of("builder-id", 1, "unknown-key", 2), s.refusalReasons());
        assertEquals(OptionalDouble.empty(), SliCalculator.compute(List.of(), T0, T0.plusSeconds(60)).deployVerificationPassRate());
    }

    private void add(ProvenanceRecord r) {
        records.add(new StoredRecord(records.size() + 1, RecordHash.GENESIS, RecordHash.GENESIS, r));
    }

    /** A Jenkins build records its statement (with the SBOM) after hermeticBuild, then the attested bundle. */
    @Test
    void theRecordsOfOneCiBuildCountAsOneBuild() {
        Instant at = T0.plusSeconds(60);
        BuildFacts facts = new BuildFacts(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(at.minusSeconds(30)), Optional.of(at), Optional.empty(), Optional.empty());
        List<Subject> jar = List.of(new Subject("app.jar", Digests.sha256("jar")));
        var sbom = new dev.hermeticbuild.store.SbomSummary(Digests.sha256("sbom"),
                List.of(new dev.hermeticbuild.store.SbomSummary.Component("lib", "1", "pkg:maven/g/lib@1")), 1, 1, 0, 1);
        add(new ProvenanceRecord(RecordKind.BUILD, at, Optional.of("app#7"), jar, facts, Signature.unsigned(),
                Optional.of(sbom), Optional.empty(), Optional.empty(), Optional.empty()));
        add(new ProvenanceRecord(RecordKind.BUILD, at.plusSeconds(1), Optional.of("app#7"), jar, facts,
                new Signature(SignatureStatus.VERIFIED, Optional.empty(), List.of(), Optional.of(2L)), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));
        add(new ProvenanceRecord(RecordKind.BUILD, at.plusSeconds(2), Optional.of("app#8"), jar, facts, Signature.unsigned(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));

        List<Subject> other = List.of(new Subject("other.jar", Digests.sha256("other")));
        add(new ProvenanceRecord(RecordKind.BUILD, at.plusSeconds(3), Optional.of("app#8"), other, facts,
                new Signature(SignatureStatus.VERIFIED, Optional.empty(), List.of(), Optional.of(2L)), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));

        Slis s = SliCalculator.compute(records, T0, T0.plus(Duration.ofDays(1)));
        assertEquals(3, s.builds(), "app#7, app#8, and the verified bundle of other artifacts put under app#8's id");
        assertEquals(2, s.verified());
        assertEquals(1, s.unsigned(), "app#8's jar stays unsigned: a bundle of other artifacts does not cover it");
        assertEquals(OptionalDouble.of(2 / 3.0), s.provenanceCoverage());
        assertEquals(OptionalDouble.of(1 / 3.0), s.sbomCoverage(), "app#7 has its SBOM on its first record");
        assertEquals(3, s.leadTimes().size());
    }

    @Test
    void definitions() {
        Instant from = T0;
        Instant to = T0.plus(Duration.ofDays(10));
        build(from.minusMillis(1), SignatureStatus.VERIFIED, 999); // before the window: ignored
        for (int i = 1; i <= 10; i++) {
            build(from.plus(Duration.ofHours(i)), i <= 7 ? SignatureStatus.VERIFIED : SignatureStatus.FAILED, 10L * i);
        }
        build(from.plus(Duration.ofHours(11)), SignatureStatus.UNSIGNED, 1000);
        build(to, SignatureStatus.VERIFIED, 5); // the end is exclusive
        rebuild(from.plusSeconds(1), "x", true);
        rebuild(from.plusSeconds(2), "x", false); // x: flaky, latest not reproducible
        rebuild(from.plusSeconds(3), "y", true);
        rebuild(from.plusSeconds(4), "y", true); // y: rebuilt twice, steady
        rebuild(from.plusSeconds(5), "z", true); // z: once

        Slis s = SliCalculator.compute(records, from, to);
        assertEquals(11, s.builds());
        assertEquals(OptionalDouble.of(7 / 11.0), s.provenanceCoverage());
        assertEquals(OptionalDouble.of(0.7), s.verificationPassRate(), "unsigned builds are not verification attempts");
        assertEquals(OptionalDouble.of(2 / 3.0), s.reproducibleRate(), "x counts by its latest rebuild");
        assertEquals(OptionalDouble.of(0.5), s.flakiness(), "x flaky, y steady, z rebuilt once: not counted");
        assertEquals(OptionalDouble.of(0.75), s.cacheHitRate());
        assertEquals(OptionalDouble.empty(), s.sbomCompleteness());
        // lead times 10..100 s and 1000 s; nearest rank: P50 = 6th of 11 = 60 s, P95 = 11th = 1000 s
        assertEquals(Optional.of(Duration.ofSeconds(60)), s.leadTime(0.5));
        assertEquals(Optional.of(Duration.ofSeconds(1000)), s.leadTime(0.95));

        String text = PrometheusText.render(s, "10d");
        assertTrue(text.contains("hermetic_build_flakiness_ratio{window=\"10d\"} 0.5\n"), text);
        assertTrue(text.contains("hermetic_build_lead_time_seconds{window=\"10d\",quantile=\"0.95\"} 1000\n"), text);
        assertTrue(text.contains("# hermetic_sbom_completeness_ratio not reported: no SBOM components in the window 10d\n"), text);
        assertTrue(text.contains("hermetic_verification_latency_seconds_count{window=\"10d\"} 11\n"), text);
    }

    @Test
    void anEmptyWindowReportsNoRatios() {
        Slis s = SliCalculator.compute(List.of(), T0, T0.plusSeconds(60));
        assertEquals(0, s.builds());
        assertTrue(s.provenanceCoverage().isEmpty() && s.verificationPassRate().isEmpty() && s.flakiness().isEmpty());
        assertTrue(s.leadTime(0.5).isEmpty());
    }
}
