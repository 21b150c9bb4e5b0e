package dev.hermeticbuild.cli;

import dev.hermeticbuild.CountText;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.Printable;
import dev.hermeticbuild.store.ArtifactTrace;
import dev.hermeticbuild.store.CheckedRecord;
import dev.hermeticbuild.store.Digests;
import dev.hermeticbuild.store.ProvenanceRecord;
import dev.hermeticbuild.store.ProvenanceStore;
import dev.hermeticbuild.store.RecordCheck;
import dev.hermeticbuild.store.SbomSummary;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hermetic trace DIGEST}: the incident checklist for one artifact, every record checked
 * now ({@code --pub}, {@code --store-pub}). Exit 0 only when it is trustworthy; 1 when unknown to
 * the store or any problem was found (each printed).
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Which builds produced an artifact, from what, signed by whom, verified, reproducible; its SBOM."
                + " Exit 0 only if trustworthy.")
final class TraceCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "sha256:HEX", description = "The artifact's digest.")
    String digest;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions store;

    @Mixin
    RecordCheckOptions check;

    @Override
    public Integer call() {
        String d = Digests.parse("digest", digest);
        RecordCheck checker = check.check();
        ArtifactTrace t;
        try (ProvenanceStore s = store.open()) {
            t = ArtifactTrace.of(s, d, checker, check.revocations());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled) {
            json.result(json(t));
            t.problems().forEach(p -> json.error(ErrorCodes.NOT_TRUSTWORTHY, p));
        } else {
            text(out, t);
        }
        return t.trustworthy() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private static ObjectNode json(ArtifactTrace t) {
        ObjectNode n = Json.object();
        n.put("digest", "sha256:" + t.sha256());
        n.put("trustworthy", t.trustworthy());
        n.put("positionsChecked", t.positions());
        n.put("reproducible", t.reproducible().map(r -> r ? "yes" : "no").orElse("unknown"));
        ArrayNode builds = n.putArray("builds");
        for (ArtifactTrace.BuildTrace b : t.builds()) {
            ObjectNode o = RecordJson.of(b.checked());
            b.revokedReason().ifPresent(r -> ((ObjectNode) o.get("signature")).put("revoked", r.isEmpty() ? "revoked" : r));
            builds.add(o);
        }
        ArrayNode rebuilds = n.putArray("rebuilds");
        t.rebuilds().forEach(r -> rebuilds.add(RecordJson.of(r)));
        ArrayNode checks = n.putArray("deployChecks");
        t.deployChecks().forEach(r -> checks.add(RecordJson.of(r)));
        ArrayNode components = n.putArray("sbomComponents");
        components(t).forEach(c -> components.addObject().put("name", c.name()).put("version", c.version()).put("purl", c.purl()));
        t.problems().forEach(n.putArray("problems")::add);
        return n;
    }

    private static Set<SbomSummary.Component> components(ArtifactTrace t) {
        Set<SbomSummary.Component> all = new LinkedHashSet<>();
        t.builds().forEach(b -> b.record().sbom().ifPresent(s -> all.addAll(s.components())));
        return all;
    }

    private static void text(PrintWriter out, ArtifactTrace t) {
        out.println("artifact sha256:" + t.sha256());
        out.println("built by " + CountText.of(t.builds().size(), "recorded build") + ":");
        for (ArtifactTrace.BuildTrace b : t.builds()) {
            ProvenanceRecord r = b.record();
            ProvenanceRecord.BuildFacts f = r.build();
            out.println("  #" + b.stored().seq() + r.buildId().map(id -> " build " + id).orElse("") + ", recorded " + r.recordedAt());
            out.println("    source   " + f.sourceUri().orElse("unknown") + " @ " + f.sourceCommit().orElse("unknown commit"));
            out.println("    builder  " + f.builderId().orElse("unknown") + ", image " + f.builderImage().orElse("not recorded"));
            out.println("    tier     " + f.tier().orElse("unknown") + f.hermetic().map(h -> h ? ", hermetic" : ", NOT hermetic").orElse(""));
            out.println("    signed   " + r.signature().keyId().map(k -> "by key " + k).orElse("no signature")
                    + b.revokedReason().map(why -> " (REVOKED" + (why.isEmpty() ? "" : ": " + why) + ")").orElse("")
                    + "; signature " + b.checked().signature().outcome().label() + " now"
                    + " (recorded at put as " + r.signature().status().label() + ", not believed)");
            out.println("    position " + b.checked().position());
        }
        out.println("reproducible: " + t.reproducible().map(r -> r ? "yes (latest rebuild identical)" : "NO")
                .orElse("unknown (no rebuild recorded)"));
        if (!t.deployChecks().isEmpty()) {
            out.println("checked where it was to run: " + CountText.of(t.deployChecks().size(), "time") + ":");
            for (CheckedRecord c : t.deployChecks()) {
                ProvenanceRecord.VerificationOutcome v = c.record().verification().orElseThrow();
                out.println("  #" + c.stored().seq() + " " + c.record().recordedAt() + " by " + v.checker()
                        + v.reference().map(ref -> " (" + Printable.escape(ref) + ")").orElse("") + ": "
                        + (v.passed() ? "passed" : "REFUSED: " + String.join(", ", v.reasons())));
            }
        }
        Set<SbomSummary.Component> components = components(t);
        if (t.builds().stream().noneMatch(b -> b.record().sbom().isPresent())) {
            out.println("sbom: none recorded");
        } else {
            out.println("sbom: " + CountText.of(components.size(), "component"));
            components.forEach(c -> out.println("  " + (c.purl().isEmpty() ? c.name() + " " + c.version() : c.purl())));
        }
        if (t.trustworthy()) {
            out.println("verdict: trustworthy" + (t.positions() ? "" : " (signatures verified; store position not checked:"
                    + " build ids, SBOM summaries and rebuild outcomes are as the database says; give --store-pub)"));
        } else {
            out.println("verdict: NOT trustworthy");
            t.problems().forEach(p -> out.println("  - " + p));
        }
        out.flush();
    }
}
