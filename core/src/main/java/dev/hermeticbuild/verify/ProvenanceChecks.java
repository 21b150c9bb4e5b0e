package dev.hermeticbuild.verify;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The policy's optional provenance checks; each failure adds one reason naming what was found. */
final class ProvenanceChecks {

    private ProvenanceChecks() {
    }

    static void run(VerifyPolicy policy, ProvenanceFacts facts, List<String> reasons, List<String> checks) {
        if (!policy.builderIds().isEmpty()) {
            String id = facts.builderId().orElse("(none)");
            if (policy.builderIds().contains(id)) {
                checks.add("builder id");
            } else {
                reasons.add("builder id " + id + " not allowed");
            }
        }
        policy.sourceUri().ifPresent(want -> {
            String got = facts.sourceUri().orElse("(none)");
            if (facts.sourceUri().isPresent() && stripGit(got).equals(stripGit(want))) {
                checks.add("source");
            } else {
                reasons.add("source " + got + " not allowed (expected " + want + ")");
            }
        });
        policy.sourceCommit().ifPresent(want -> {
            String got = facts.sourceCommit().orElse("(none)");
            if (got.toLowerCase(Locale.ROOT).equals(want.toLowerCase(Locale.ROOT))) {
                checks.add("source commit");
            } else {
                reasons.add("source commit " + got + " not allowed (expected " + want + ")");
            }
        });
        if (policy.requireHermetic()) {
            int before = reasons.size();
            if (!facts.tier().equals(Optional.of("release"))) {
                reasons.add("not hermetic: tier " + facts.tier().orElse("(none)") + " is not release");
            }
            if (!facts.hermetic().equals(Optional.of(true))) {
                reasons.add("not hermetic: isolation.hermetic is " + facts.hermetic().map(String::valueOf).orElse("(none)"));
            }
            if (!facts.egressBlocked().equals(Optional.of(true))) {
                reasons.add("not hermetic: isolation.egressBlocked is "
                        + facts.egressBlocked().map(String::valueOf).orElse("(none)"));
            }
            if (reasons.size() == before) {
                checks.add("hermetic");
            }
        }
        policy.maxAge().ifPresent(maxAge -> {
            Optional<String> when = facts.finishedOn().or(facts::startedOn);
            if (when.isEmpty()) {
                reasons.add("max age: statement has no runDetails.metadata.finishedOn");
                return;
            }
            Instant finished;
            try {
                finished = Instant.parse(when.get());
            } catch (DateTimeParseException e) {
                reasons.add("max age: runDetails.metadata.finishedOn " + when.get() + " is not an RFC 3339 UTC time");
                return;
            }
            Instant oldest = policy.clock().instant().minus(maxAge);
            if (finished.isBefore(oldest)) {
                reasons.add("statement too old: finished " + finished + ", max age " + maxAge);
            } else {
                checks.add("max age");
            }
        });
    }

    private static String stripGit(String uri) {
        return uri.startsWith("git+") ? uri.substring(4) : uri;
    }
}
