package dev.hermeticbuild.provenance;

import dev.hermeticbuild.BuildInfo;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SLSA statement a CI controller makes about artifacts it digested itself: the controller is
 * the builder, the CI build is the invocation, and the job, build number, SCM URL and commit are
 * what the controller saw. When a runner's provenance covers every subject (matched by digest),
 * its tier and measured isolation are carried over, with the runner statement's own digest; a
 * subject no runner provenance covers leaves them out, so a hermetic claim cannot be borrowed.
 */
public final class CiProvenance {

    private CiProvenance() {
    }

    /**
     * One CI build as its controller saw it.
     *
     * @param builderId    this controller's builder id
     * @param invocationId the build's URL
     * @param job          the job's full name
     * @param buildNumber  the build number
     * @param scmUrl       the repository URL the build checked out, if known
     * @param commit       the commit it checked out, if known
     * @param startedOn    when the build started
     */
    public record Invocation(String builderId, String invocationId, String job, int buildNumber,
                             Optional<String> scmUrl, Optional<String> commit, Instant startedOn) {
    }

    /** A runner's statement: its summary and the SHA-256 of its bytes. */
    public record RunnerStatement(ProvenanceSummary summary, String sha256) {
    }

    /**
     * The builder id: the configured one, else the controller's own URL; neither is an error
     * naming where to set them. No guess (host name, address): a statement must name who made it,
     * and a verifier's builder-id policy must be able to rely on it.
     */
    public static String builderId(String configured, String controllerUrl) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        if (controllerUrl != null && !controllerUrl.isBlank()) {
            return controllerUrl.trim();
        }
        throw new dev.hermeticbuild.InputException("no builder id: this controller has no Jenkins URL yet; set"
                + " Manage Jenkins → System → Jenkins Location → Jenkins URL, or Manage Jenkins → System →"
                + " Hermetic build → Builder id (unclassified.hermeticBuild.builderId in Configuration as Code)");
    }

    /** The statement over {@code subjects}, finished at {@code finishedOn}. */
    public static Statement<SlsaProvenance> statement(Invocation inv, List<ResourceDescriptor> subjects,
                                      List<RunnerStatement> runners, Instant finishedOn) {
        Map<String, Object> external = new LinkedHashMap<>();
        external.put("job", inv.job());
        external.put("buildNumber", inv.buildNumber());
        inv.scmUrl().ifPresent(u -> external.put("scmUrl", u));
        inv.commit().ifPresent(c -> external.put("commit", c));
        Map<String, Object> internal = new LinkedHashMap<>();
        List<ResourceDescriptor> deps = new ArrayList<>();
        if (inv.commit().isPresent()) {
            deps.add(new ResourceDescriptor("source", inv.scmUrl().map(CiProvenance::gitUri).orElse(null),
                    Map.of("gitCommit", inv.commit().get()), null, null));
        }
        Optional<RunnerStatement> runner = covering(runners, subjects);
        runner.ifPresent(r -> {
            r.summary().tier().ifPresent(t -> external.put("tier", t));
            r.summary().isolation().ifPresent(i -> {
                Map<String, Object> isolation = new LinkedHashMap<>();
                isolation.put("mechanism", i.mechanism());
                isolation.put("egressBlocked", i.egressBlocked());
                isolation.put("hermetic", i.hermetic());
                internal.put("isolation", isolation);
            });
            r.summary().invocationId().ifPresent(id -> internal.put("runnerInvocationId", id));
            deps.add(new ResourceDescriptor("runner-provenance", null, Map.of("sha256", r.sha256()),
                    StatementTypes.IN_TOTO_JSON, null));
        });
        var definition = new SlsaProvenance.BuildDefinition(StatementTypes.CI_BUILD_V1, external, internal, deps);
        var builder = new SlsaProvenance.Builder(inv.builderId(), Map.of("hermetic-build", BuildInfo.version()), List.of());
        var metadata = new SlsaProvenance.Metadata(inv.invocationId(), rfc3339(inv.startedOn()), rfc3339(finishedOn));
        return Statement.slsa(subjects, new SlsaProvenance(definition,
                new SlsaProvenance.RunDetails(builder, metadata, List.of())));
    }

    /** The first runner statement whose subjects include every one of {@code subjects}' digests. */
    static Optional<RunnerStatement> covering(List<RunnerStatement> runners, List<ResourceDescriptor> subjects) {
        return runners.stream()
                .filter(r -> !subjects.isEmpty() && subjects.stream().allMatch(s -> r.summary().covers(s.digest().get("sha256"))))
                .findFirst();
    }

    private static String gitUri(String url) {
        return url.startsWith("git+") ? url : "git+" + url;
    }

    private static String rfc3339(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
