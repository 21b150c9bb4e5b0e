package dev.hermeticbuild.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.bundle.MalformedBundleException;
import dev.hermeticbuild.bundle.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a person (or a build page) needs to see of one provenance statement: subjects, source,
 * builder, image, isolation as the runner measured it, dependencies and the SBOM's completeness.
 * Read from the statement alone; a field the statement lacks is empty, never guessed.
 *
 * @param subjects      the statement's subjects (name and sha256)
 * @param predicateType the statement's predicate type
 * @param builderId     {@code runDetails.builder.id}
 * @param invocationId  {@code runDetails.metadata.invocationId}
 * @param finishedOn    {@code runDetails.metadata.finishedOn}
 * @param tier          {@code externalParameters.tier}
 * @param source        the {@code source} resolved dependency (uri and git commit)
 * @param image         the {@code builder-image} resolved dependency's sha256
 * @param isolation     {@code internalParameters.isolation} as measured, if recorded
 * @param dependencies  every other resolved dependency
 * @param sbom          the SBOM byproduct's completeness, if the build wrote one
 */
public record ProvenanceSummary(List<Subject> subjects, String predicateType, Optional<String> builderId,
                                Optional<String> invocationId, Optional<String> finishedOn, Optional<String> tier,
                                Optional<Source> source, Optional<String> image, Optional<Isolation> isolation,
                                List<Dependency> dependencies, Optional<SbomSummary> sbom) {

    public ProvenanceSummary {
        subjects = List.copyOf(subjects);
        dependencies = List.copyOf(dependencies);
    }

    /** One output: its name and SHA-256. */
    public record Subject(String name, String sha256) {
    }

    /** The source repository and commit the build read. */
    public record Source(Optional<String> uri, Optional<String> commit) {
    }

    /** Isolation as the runner measured it; {@code hermetic} means isolated and nothing reached. */
    public record Isolation(String mechanism, boolean hermetic, boolean egressBlocked, List<ProbeResult> probe) {
        public Isolation {
            probe = List.copyOf(probe);
        }
    }

    /** One egress probe target and whether the build could reach it. */
    public record ProbeResult(String target, String description, boolean reached) {
    }

    /** A resolved dependency: name, uri and its digests ({@code alg:value}, sorted). */
    public record Dependency(String name, Optional<String> uri, List<String> digests) {
        public Dependency {
            digests = List.copyOf(digests);
        }
    }

    /** How complete the SBOM is: components, and how many carry a purl, hashes, licenses. */
    public record SbomSummary(String file, String sha256, int components, int withPurl, int withHashes,
                              int withLicenses) {
    }

    /** Whether the runner measured this build as hermetic (release tier, isolated, nothing reached). */
    public boolean hermetic() {
        return tier.filter("release"::equals).isPresent()
                && isolation.map(i -> i.hermetic() && i.egressBlocked()).orElse(false);
    }

    /** Whether {@code sha256} is one of the subjects' digests. */
    public boolean covers(String sha256) {
        return subjects.stream().anyMatch(s -> s.sha256().equals(sha256));
    }

    /** Reads a statement's JSON bytes; {@code source} names them in errors. */
    public static ProvenanceSummary of(byte[] statementJson, String source) {
        JsonNode root;
        try {
            root = StrictJson.parse(statementJson, "$");
        } catch (MalformedBundleException e) {
            throw new InputException(source + " is not JSON: " + InTotoStatement.problem(e), e);
        }
        if (!root.path("subject").isArray()) {
            throw new InputException(source + " is not an in-toto statement (no subject list)");
        }
        InTotoStatement statement;
        SlsaProvenance predicate;
        try {
            statement = InTotoStatement.of(root, "$", InTotoStatement.Rules.RECORDED);
            predicate = StatementTypes.SLSA_PROVENANCE_V1.equals(statement.predicateType())
                    ? statement.slsaProvenance() : new SlsaProvenance(null, null);
        } catch (MalformedBundleException e) {
            throw new InputException(source + " is not a valid in-toto statement: " + InTotoStatement.problem(e), e);
        }
        List<Subject> subjects = statement.subjects().stream().map(s -> new Subject(s.name(), s.sha256())).toList();
        var def = predicate.buildDefinition();
        Optional<Source> src = Optional.empty();
        Optional<String> image = Optional.empty();
        List<Dependency> deps = new ArrayList<>();
        for (ResourceDescriptor d : def.resolvedDependencies()) {
            String name = d.name() == null ? "" : d.name();
            if (name.equals("source")) {
                src = Optional.of(new Source(Optional.ofNullable(d.uri()), Optional.ofNullable(d.digest().get("gitCommit"))));
            } else if (name.equals("builder-image")) {
                image = Optional.ofNullable(d.digest().get("sha256"));
            } else {
                deps.add(new Dependency(name, Optional.ofNullable(d.uri()), digests(d.digest())));
            }
        }
        return new ProvenanceSummary(subjects, statement.predicateType(), predicate.builderId(),
                predicate.invocationId(), predicate.finishedOn(), Parameters.text(def.externalParameters(), "tier"),
                src, image, isolation(def.internalParameters()), deps, sbom(predicate.runDetails().byproducts()));
    }

    private static Optional<Isolation> isolation(Map<String, Object> internal) {
        return Parameters.object(internal, "isolation").map(n -> new Isolation(
                Parameters.text(n, "mechanism").orElse("unknown"), Parameters.bool(n, "hermetic").orElse(false),
                Parameters.bool(n, "egressBlocked").orElse(false),
                Parameters.list(n, "egressProbe").orElse(List.of()).stream().map(ProvenanceSummary::probe).toList()));
    }

    private static ProbeResult probe(Object attempt) {
        Map<String, Object> a = Parameters.fields(attempt);
        return new ProbeResult(Parameters.text(a, "target").orElse(""), Parameters.text(a, "description").orElse(""),
                Parameters.bool(a, "reached").orElse(true));
    }

    private static Optional<SbomSummary> sbom(List<ResourceDescriptor> byproducts) {
        return byproducts.stream().filter(b -> StatementTypes.CYCLONEDX_JSON.equals(b.mediaType())).findFirst()
                .map(b -> new SbomSummary(b.name() == null ? "" : b.name(), b.digest().getOrDefault("sha256", ""),
                        count(b, "components"), count(b, "withPurl"), count(b, "withHashes"), count(b, "withLicenses")));
    }

    private static int count(ResourceDescriptor descriptor, String annotation) {
        return Parameters.integer(descriptor.annotations(), annotation).map(Long::intValue).orElse(0);
    }

    private static List<String> digests(Map<String, String> digest) {
        return new TreeMap<>(digest).entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toList();
    }
}
