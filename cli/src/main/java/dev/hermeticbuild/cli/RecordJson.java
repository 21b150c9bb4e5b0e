package dev.hermeticbuild.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.store.CheckedRecord;
import dev.hermeticbuild.store.ProvenanceRecord;
import dev.hermeticbuild.store.ReadCheck;
import dev.hermeticbuild.store.StoredRecord;
import java.io.PrintWriter;

/**
 * Store records as JSON and as one-paragraph text, for query, get and trace output: what was
 * checked at read time first, what the record says about its put-time check only as a claim.
 */
final class RecordJson {

    private RecordJson() {
    }

    /** A read-time outcome as a JSON value: verified, failed, not-checked, unsigned. */
    static String status(ReadCheck c) {
        return c.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static ObjectNode of(CheckedRecord cr) {
        ObjectNode n = of(cr.stored());
        n.put("hashIntact", cr.hashIntact());
        ObjectNode sig = (ObjectNode) n.get("signature");
        ObjectNode atPut = Json.object();
        atPut.setAll(sig);
        sig.removeAll();
        sig.put("status", status(cr.signature()));
        cr.signature().reasons().forEach(sig.putArray("reasons")::add);
        cr.record().signature().keyId().ifPresent(v -> sig.put("keyId", v));
        sig.set("claimedAtPut", atPut);
        ObjectNode position = n.putObject("position");
        position.put("status", status(cr.position()));
        cr.position().reasons().forEach(position.putArray("reasons")::add);
        return n;
    }

    static void text(PrintWriter out, CheckedRecord cr) {
        text(out, cr.stored());
        ProvenanceRecord r = cr.record();
        if (!cr.hashIntact()) {
            out.println("  HASH      does not match its content (run hermetic store verify)");
        }
        if (r.kind() == dev.hermeticbuild.store.RecordKind.BUILD) {
            out.println("  signature " + checkText(cr.signature()) + " (recorded at put as "
                    + r.signature().status().label() + ", not believed)");
        }
        out.println("  position  " + checkText(cr.position()));
    }

    private static String checkText(ReadCheck c) {
        String label = c.outcome() == ReadCheck.Outcome.VERIFIED ? "verified now" : c.outcome().label().toUpperCase(java.util.Locale.ROOT);
        return label + (c.reasons().isEmpty() ? "" : ": " + String.join("; ", c.reasons()));
    }

    static ObjectNode of(StoredRecord sr) {
        ProvenanceRecord r = sr.record();
        ObjectNode n = Json.object();
        n.put("seq", sr.seq());
        n.put("hash", sr.hash());
        n.put("prevHash", sr.prevHash());
        n.put("kind", r.kind().label());
        n.put("recordedAt", r.recordedAt().toString());
        r.buildId().ifPresent(v -> n.put("buildId", v));
        ArrayNode subjects = n.putArray("subjects");
        r.subjects().forEach(s -> subjects.addObject().put("name", s.name()).put("digest", "sha256:" + s.sha256()));
        ProvenanceRecord.BuildFacts f = r.build();
        f.builderId().ifPresent(v -> n.put("builderId", v));
        f.builderImage().ifPresent(v -> n.put("builderImage", v));
        f.sourceUri().ifPresent(v -> n.put("sourceUri", v));
        f.sourceCommit().ifPresent(v -> n.put("sourceCommit", v));
        f.tier().ifPresent(v -> n.put("tier", v));
        f.hermetic().ifPresent(v -> n.put("hermetic", v));
        f.startedOn().ifPresent(v -> n.put("startedOn", v.toString()));
        f.finishedOn().ifPresent(v -> n.put("finishedOn", v.toString()));
        ObjectNode sig = n.putObject("signature");
        sig.put("status", r.signature().status().label());
        r.signature().keyId().ifPresent(v -> sig.put("keyId", v));
        if (!r.signature().reasons().isEmpty()) {
            r.signature().reasons().forEach(sig.putArray("reasons")::add);
        }
        r.sbom().ifPresent(s -> {
            ObjectNode o = n.putObject("sbom");
            o.put("sha256", s.sha256());
            o.put("components", s.components().size());
            o.put("withPurl", s.withPurl());
            o.put("withHashes", s.withHashes());
            o.put("withLicenses", s.withLicenses());
            o.put("completeness", s.completeness());
        });
        r.rebuild().ifPresent(rb -> {
            ObjectNode o = n.putObject("rebuild");
            o.put("reproducible", rb.reproducible());
            rb.differences().forEach(o.putArray("differences")::add);
        });
        r.verification().ifPresent(v -> {
            ObjectNode o = n.putObject("verification");
            o.put("checker", v.checker());
            v.reference().ifPresent(ref -> o.put("reference", ref));
            o.put("passed", v.passed());
            v.reasons().forEach(o.putArray("reasons")::add);
        });
        return n;
    }

    private static void text(PrintWriter out, StoredRecord sr) {
        ProvenanceRecord r = sr.record();
        out.println("#" + sr.seq() + " " + r.kind().label() + " recorded " + r.recordedAt()
                + r.buildId().map(id -> " build " + id).orElse("") + " hash " + sr.hash());
        r.subjects().forEach(s -> out.println("  subject   " + s.name() + " sha256:" + s.sha256()));
        ProvenanceRecord.BuildFacts f = r.build();
        f.sourceUri().ifPresent(v -> out.println("  source    " + v + f.sourceCommit().map(c -> " @ " + c).orElse("")));
        f.builderId().ifPresent(v -> out.println("  builder   " + v + f.builderImage().map(i -> " image " + i).orElse("")));
        f.tier().ifPresent(v -> out.println("  tier      " + v + f.hermetic().map(h -> h ? ", hermetic" : ", NOT hermetic").orElse("")));
        if (f.startedOn().isPresent() || f.finishedOn().isPresent()) {
            out.println("  ran       " + f.startedOn().map(Object::toString).orElse("?") + " .. "
                    + f.finishedOn().map(Object::toString).orElse("?"));
        }
        r.sbom().ifPresent(s -> out.println("  sbom      " + s.components().size() + " components, "
                + s.complete() + " with purl and hash (sha256:" + s.sha256() + ")"));
        r.rebuild().ifPresent(rb -> out.println("  rebuild   " + (rb.reproducible() ? "reproducible" : "NOT reproducible")
                + (rb.differences().isEmpty() ? "" : ": " + String.join("; ", rb.differences()))));
        r.verification().ifPresent(v -> out.println("  checked   by " + v.checker()
                + v.reference().map(ref -> " (" + dev.hermeticbuild.Printable.escape(ref) + ")").orElse("") + ": "
                + (v.passed() ? "passed" : "REFUSED: " + String.join(", ", v.reasons()))));
    }
}
