package dev.hermeticbuild.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.bundle.StrictJson;
import dev.hermeticbuild.store.ProvenanceRecord.BuildFacts;
import dev.hermeticbuild.store.ProvenanceRecord.RebuildOutcome;
import dev.hermeticbuild.store.ProvenanceRecord.Signature;
import dev.hermeticbuild.store.ProvenanceRecord.Subject;
import dev.hermeticbuild.store.ProvenanceRecord.VerificationOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The canonical encoding of a {@link ProvenanceRecord}: compact JSON, object keys sorted,
 * absent values left out, instants in ISO-8601 UTC. The same record always encodes to the same
 * bytes, so the hash chain can be recomputed from what the store holds.
 */
public final class RecordCodec {

    /** Version of this encoding, written into every record. */
    public static final int FORMAT = 1;

    private RecordCodec() {
    }

    /** The canonical JSON text of {@code r}. */
    public static String encode(ProvenanceRecord r) {
        ObjectNode n = StrictJson.mapper().createObjectNode();
        n.put("format", FORMAT);
        n.put("kind", r.kind().label());
        n.put("recordedAt", r.recordedAt().toString());
        r.buildId().ifPresent(v -> n.put("buildId", v));
        ArrayNode subjects = n.putArray("subjects");
        for (Subject s : r.subjects()) {
            subjects.addObject().put("name", s.name()).put("sha256", s.sha256());
        }
        ObjectNode b = StrictJson.mapper().createObjectNode();
        BuildFacts f = r.build();
        f.builderId().ifPresent(v -> b.put("builderId", v));
        f.builderImage().ifPresent(v -> b.put("builderImage", v));
        f.sourceUri().ifPresent(v -> b.put("sourceUri", v));
        f.sourceCommit().ifPresent(v -> b.put("sourceCommit", v));
        f.tier().ifPresent(v -> b.put("tier", v));
        f.hermetic().ifPresent(v -> b.put("hermetic", v));
        f.startedOn().ifPresent(v -> b.put("startedOn", v.toString()));
        f.finishedOn().ifPresent(v -> b.put("finishedOn", v.toString()));
        f.cacheHits().ifPresent(v -> b.put("cacheHits", v));
        f.cacheMisses().ifPresent(v -> b.put("cacheMisses", v));
        if (!b.isEmpty()) {
            n.set("build", b);
        }
        ObjectNode sig = n.putObject("signature");
        Signature s = r.signature();
        sig.put("status", s.status().label());
        s.keyId().ifPresent(v -> sig.put("keyId", v));
        if (!s.reasons().isEmpty()) {
            s.reasons().forEach(sig.putArray("reasons")::add);
        }
        s.verifyMillis().ifPresent(v -> sig.put("verifyMillis", v));
        r.sbom().ifPresent(sb -> {
            ObjectNode o = n.putObject("sbom");
            o.put("sha256", sb.sha256());
            o.put("withPurl", sb.withPurl());
            o.put("withHashes", sb.withHashes());
            o.put("withLicenses", sb.withLicenses());
            o.put("complete", sb.complete());
            ArrayNode cs = o.putArray("components");
            for (SbomSummary.Component c : sb.components()) {
                cs.addObject().put("name", c.name()).put("version", c.version()).put("purl", c.purl());
            }
        });
        r.rebuild().ifPresent(rb -> {
            ObjectNode o = n.putObject("rebuild");
            o.put("sha256", rb.sha256());
            o.put("reproducible", rb.reproducible());
            rb.differences().forEach(o.putArray("differences")::add);
        });
        r.verification().ifPresent(v -> {
            ObjectNode o = n.putObject("verification");
            o.put("sha256", v.sha256());
            o.put("checker", v.checker());
            v.reference().ifPresent(ref -> o.put("reference", ref));
            o.put("passed", v.passed());
            if (!v.reasons().isEmpty()) {
                v.reasons().forEach(o.putArray("reasons")::add);
            }
        });
        r.bundle().ifPresent(v -> n.put("bundle", v));
        return canonical(n);
    }

    /** What makes two records the same build: the encoding without acceptance time and verification time. */
    static String identity(ProvenanceRecord r) {
        ProvenanceRecord.Signature s = r.signature();
        return encode(new ProvenanceRecord(r.kind(), java.time.Instant.EPOCH, r.buildId(), r.subjects(), r.build(),
                new ProvenanceRecord.Signature(s.status(), s.keyId(), s.reasons(), Optional.empty()), r.sbom(),
                r.rebuild(), r.verification(), r.bundle()));
    }

    /** Parses a record's stored JSON; {@code seq} names it in errors. */
    public static ProvenanceRecord decode(String json, long seq) {
        try {
            JsonNode n = StrictJson.parse(json.getBytes(StandardCharsets.UTF_8), "record " + seq);
            List<Subject> subjects = new ArrayList<>();
            for (JsonNode s : n.path("subjects")) {
                subjects.add(new Subject(s.path("name").asText(), s.path("sha256").asText()));
            }
            JsonNode b = n.path("build");
            BuildFacts facts = new BuildFacts(text(b, "builderId"), text(b, "builderImage"), text(b, "sourceUri"),
                    text(b, "sourceCommit"), text(b, "tier"),
                    b.path("hermetic").isBoolean() ? Optional.of(b.path("hermetic").booleanValue()) : Optional.empty(),
                    text(b, "startedOn").map(Instant::parse), text(b, "finishedOn").map(Instant::parse),
                    number(b, "cacheHits"), number(b, "cacheMisses"));
            JsonNode sig = n.path("signature");
            List<String> reasons = new ArrayList<>();
            sig.path("reasons").forEach(r -> reasons.add(r.asText()));
            Signature signature = new Signature(SignatureStatus.of(sig.path("status").asText()),
                    text(sig, "keyId"), reasons, number(sig, "verifyMillis"));
            Optional<SbomSummary> sbom = Optional.empty();
            if (n.has("sbom")) {
                JsonNode o = n.get("sbom");
                List<SbomSummary.Component> cs = new ArrayList<>();
                for (JsonNode c : o.path("components")) {
                    cs.add(new SbomSummary.Component(c.path("name").asText(), c.path("version").asText(),
                            c.path("purl").asText()));
                }
                sbom = Optional.of(new SbomSummary(o.path("sha256").asText(), cs, o.path("withPurl").asInt(),
                        o.path("withHashes").asInt(), o.path("withLicenses").asInt(), o.path("complete").asInt()));
            }
            Optional<RebuildOutcome> rebuild = Optional.empty();
            if (n.has("rebuild")) {
                JsonNode o = n.get("rebuild");
                List<String> diffs = new ArrayList<>();
                o.path("differences").forEach(d -> diffs.add(d.asText()));
                rebuild = Optional.of(new RebuildOutcome(o.path("sha256").asText(),
                        o.path("reproducible").booleanValue(), diffs));
            }
            Optional<VerificationOutcome> verification = Optional.empty();
            if (n.has("verification")) {
                JsonNode o = n.get("verification");
                List<String> refusal = new ArrayList<>();
                o.path("reasons").forEach(r -> refusal.add(r.asText()));
                verification = Optional.of(new VerificationOutcome(o.path("sha256").asText(), o.path("checker").asText(),
                        text(o, "reference"), o.path("passed").booleanValue(), refusal));
            }
            return new ProvenanceRecord(RecordKind.of(n.path("kind").asText()),
                    Instant.parse(n.path("recordedAt").asText()), text(n, "buildId"), subjects, facts,
                    signature, sbom, rebuild, verification, text(n, "bundle"));
        } catch (RuntimeException e) {
            throw new StoreException("record " + seq + " does not decode (" + e.getMessage()
                    + "): run `hermetic store verify`", e);
        }
    }

    /** Compact JSON with every object's keys sorted, recursively. */
    static String canonical(JsonNode node) {
        return new String(StrictJson.write(sorted(node)), StandardCharsets.UTF_8);
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                fields.put(k, sorted(node.get(k)));
            }
            ObjectNode o = StrictJson.mapper().createObjectNode();
            fields.forEach(o::set);
            return o;
        }
        if (node.isArray()) {
            ArrayNode a = StrictJson.mapper().createArrayNode();
            node.forEach(e -> a.add(sorted(e)));
            return a;
        }
        return node;
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() ? Optional.of(v.textValue()) : Optional.empty();
    }

    private static Optional<Long> number(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isIntegralNumber() ? Optional.of(v.longValue()) : Optional.empty();
    }
}
