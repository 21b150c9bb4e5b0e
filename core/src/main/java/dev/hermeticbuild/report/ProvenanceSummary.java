package dev.hermeticbuild.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.InputException;
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
            root = StrictJson.mapper().readTree(statementJson);
        } catch (java.io.IOException e) {
            throw new InputException(source + " is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("subject").isArray()) {
            throw new InputException(source + " is not an in-toto statement (no subject list)");
        }
        List<Subject> subjects = new ArrayList<>();
        for (JsonNode s : root.path("subject")) {
            subjects.add(new Subject(s.path("name").asText(""), s.path("digest").path("sha256").asText("")));
        }
        JsonNode predicate = root.path("predicate");
        JsonNode def = predicate.path("buildDefinition");
        JsonNode run = predicate.path("runDetails");
        Optional<Source> src = Optional.empty();
        Optional<String> image = Optional.empty();
        List<Dependency> deps = new ArrayList<>();
        for (JsonNode d : def.path("resolvedDependencies")) {
            String name = d.path("name").asText("");
            if (name.equals("source")) {
                src = Optional.of(new Source(text(d.path("uri")), text(d.path("digest").path("gitCommit"))));
            } else if (name.equals("builder-image")) {
                image = text(d.path("digest").path("sha256"));
            } else {
                deps.add(new Dependency(name, text(d.path("uri")), digests(d.path("digest"))));
            }
        }
        return new ProvenanceSummary(subjects, root.path("predicateType").asText(""),
                text(run.path("builder").path("id")), text(run.path("metadata").path("invocationId")),
                text(run.path("metadata").path("finishedOn")), text(def.path("externalParameters").path("tier")),
                src, image, isolation(def.path("internalParameters").path("isolation")), deps,
                sbom(run.path("byproducts")));
    }

    private static Optional<Isolation> isolation(JsonNode n) {
        if (!n.isObject()) {
            return Optional.empty();
        }
        List<ProbeResult> probe = new ArrayList<>();
        for (JsonNode a : n.path("egressProbe")) {
            probe.add(new ProbeResult(a.path("target").asText(""), a.path("description").asText(""),
                    a.path("reached").asBoolean(true)));
        }
        return Optional.of(new Isolation(n.path("mechanism").asText("unknown"), n.path("hermetic").asBoolean(false),
                n.path("egressBlocked").asBoolean(false), probe));
    }

    private static Optional<SbomSummary> sbom(JsonNode byproducts) {
        for (JsonNode b : byproducts) {
            if ("application/vnd.cyclonedx+json".equals(b.path("mediaType").asText())) {
                JsonNode a = b.path("annotations");
                return Optional.of(new SbomSummary(b.path("name").asText(""), b.path("digest").path("sha256").asText(""),
                        a.path("components").asInt(0), a.path("withPurl").asInt(0), a.path("withHashes").asInt(0),
                        a.path("withLicenses").asInt(0)));
            }
        }
        return Optional.empty();
    }

    private static List<String> digests(JsonNode digest) {
        Map<String, String> sorted = new TreeMap<>();
        digest.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
        return sorted.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toList();
    }

    private static Optional<String> text(JsonNode n) {
        return n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
    }
}
