package dev.hermeticbuild.verify;

import dev.hermeticbuild.source.SourceUri;
import dev.hermeticbuild.verify.VerificationFailure.Code;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The policy's optional provenance checks; each failure adds one reason naming what was found. */
final class ProvenanceChecks {

    private ProvenanceChecks() {
    }

    static void run(VerifyPolicy policy, ProvenanceFacts facts, List<VerificationFailure> reasons, List<VerificationCheck> checks) {
        if (!policy.builderIds().isEmpty()) {
            String id = facts.builderId().orElse("(none)");
            if (policy.builderIds().contains(id)) {
                checks.add(VerificationCheck.BUILDER_ID);
            } else {
                reasons.add(new VerificationFailure(Code.BUILDER_ID, "builder id " + id + " not allowed",
                        "allowed: " + String.join(", ", policy.builderIds().stream().sorted().toList())));
            }
        }
        policy.sourceUri().ifPresent(want -> {
            String got = facts.sourceUri().orElse("(none)");
            if (facts.sourceUri().isPresent() && SourceUri.sameRepository(want, got)) {
                checks.add(VerificationCheck.SOURCE);
            } else {
                reasons.add(VerificationFailure.of(Code.SOURCE, "source " + got + " not allowed (expected " + want + ")"));
            }
        });
        policy.sourceCommit().ifPresent(want -> {
            String got = facts.sourceCommit().orElse("(none)");
            if (got.toLowerCase(Locale.ROOT).equals(want.toLowerCase(Locale.ROOT))) {
                checks.add(VerificationCheck.SOURCE_COMMIT);
            } else {
                reasons.add(VerificationFailure.of(Code.SOURCE_COMMIT, "source commit " + got + " not allowed (expected " + want + ")"));
            }
        });
        if (policy.requireHermetic()) {
            int before = reasons.size();
            if (!facts.tier().equals(Optional.of("release"))) {
                reasons.add(VerificationFailure.of(Code.NOT_HERMETIC, "not hermetic: tier " + facts.tier().orElse("(none)") + " is not release"));
            }
            if (!facts.hermetic().equals(Optional.of(true))) {
                reasons.add(VerificationFailure.of(Code.NOT_HERMETIC, "not hermetic: isolation.hermetic is " + facts.hermetic().map(String::valueOf).orElse("(none)")));
            }
            if (!facts.egressBlocked().equals(Optional.of(true))) {
                reasons.add(VerificationFailure.of(Code.NOT_HERMETIC, "not hermetic: isolation.egressBlocked is "
                        + facts.egressBlocked().map(String::valueOf).orElse("(none)")));
            }
            if (reasons.size() == before) {
                checks.add(VerificationCheck.HERMETIC);
            }
        }
        policy.maxAge().ifPresent(maxAge -> {
            Optional<String> when = facts.finishedOn().or(facts::startedOn);
            if (when.isEmpty()) {
                reasons.add(VerificationFailure.of(Code.MAX_AGE, "max age: statement has no runDetails.metadata.finishedOn"));
                return;
            }
            Instant finished;
            try {
                finished = Instant.parse(when.get());
            } catch (DateTimeParseException e) {
                reasons.add(VerificationFailure.of(Code.MAX_AGE, "max age: runDetails.metadata.finishedOn " + when.get() + " is not an RFC 3339 UTC time"));
                return;
            }
            Instant oldest = policy.clock().instant().minus(maxAge);
            if (finished.isBefore(oldest)) {
                reasons.add(VerificationFailure.of(Code.MAX_AGE, "statement too old: finished " + finished + ", max age " + dev.hermeticbuild.DurationText.of(maxAge)));
            } else {
                checks.add(VerificationCheck.MAX_AGE);
            }
        });
    }
}
