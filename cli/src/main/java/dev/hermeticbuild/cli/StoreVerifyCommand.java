package dev.hermeticbuild.cli;

import dev.hermeticbuild.CountText;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.store.ChainAnchor;
import dev.hermeticbuild.store.ChainCheck;
import dev.hermeticbuild.store.ChainReport;
import dev.hermeticbuild.store.SignedCheckpoint;
import dev.hermeticbuild.verify.Keyring;
import java.nio.file.Path;
import java.util.Optional;
import dev.hermeticbuild.store.ProvenanceStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hermetic store verify}: walk the whole log and, with {@code --store-pub}, check its latest
 * signed checkpoint (and one kept outside the database); exit 1 naming every changed, deleted,
 * reordered, unvouched-for or cut-off row.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check the whole log: every hash, every link, every index entry, and with --store-pub the signed"
                + " checkpoint (exit 1 naming each broken row).")
final class StoreVerifyCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    JsonOption json;

    @Option(names = "--expect-head", paramLabel = "SEQ:HASH",
            description = "A head printed by an earlier store verify, kept elsewhere: also detect a truncated or rewritten log.")
    String expectHead;

    @Option(names = "--store-pub", paramLabel = "KEY.pub|DIR",
            description = "The store's public key(s): the latest checkpoint must verify and cover every record.")
    Path storePub;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "A signed checkpoint kept outside the database (store checkpoint --out): also detect a"
                    + " rolled-back checkpoint table. Needs --store-pub.")
    Path checkpoint;

    @Option(names = "--checkpoint-out", paramLabel = "FILE",
            description = "After a successful check, write the latest verified checkpoint here (may be the --checkpoint file).")
    Path checkpointOut;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        if ((checkpoint != null || checkpointOut != null) && storePub == null) {
            throw new InputException((checkpoint != null ? "--checkpoint" : "--checkpoint-out")
                    + " needs --store-pub: a checkpoint means nothing without the key that signed it");
        }
        ChainCheck check = new ChainCheck(Optional.ofNullable(expectHead).map(h -> ChainAnchor.parse("--expect-head", h)),
                Optional.ofNullable(storePub).map(Keyring::load),
                Optional.ofNullable(checkpoint).map(f -> SignedCheckpoint.read("--checkpoint", f)));
        ChainReport report;
        String name;
        try (ProvenanceStore s = store.open()) {
            report = s.verify(check);
            name = s.describe();
        }
        if (report.intact() && checkpointOut != null && report.checkpoint().isPresent()) {
            report.checkpoint().get().write("--checkpoint-out", checkpointOut);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled) {
            ObjectNode n = Json.object();
            n.put("store", name);
            n.put("intact", report.intact());
            n.put("records", report.records());
            n.put("headSeq", report.headSeq());
            n.put("headHash", report.headHash());
            n.put("checkpointChecked", storePub != null);
            report.checkpoint().ifPresent(cp -> n.putObject("checkpoint").put("size", cp.checkpoint().size())
                    .put("headHash", cp.checkpoint().headHash()).put("time", cp.checkpoint().time().toString())
                    .put("store", cp.checkpoint().store()));
            var problems = n.putArray("problems");
            report.problems().forEach(p -> {
                problems.addObject().put("seq", p.seq()).put("reason", p.reason());
                json.error(ErrorCodes.STORE_CHAIN_BROKEN, p.toString());
            });
            json.result(n);
        } else if (report.intact()) {
            out.println("store " + name + ": " + CountText.of(report.records(), "record") + ", chain intact; head #" + report.headSeq()
                    + " " + report.headHash());
            out.println("head: " + report.headSeq() + ":" + report.headHash());
            report.checkpoint().ifPresent(cp -> out.println("checkpoint: " + CountText.of(cp.checkpoint().size(), "record") + ", signed by the"
                    + " store key at " + cp.checkpoint().time() + (checkpoint != null ? "; not older than " + checkpoint : "")));
            if (storePub == null) {
                out.println("note: links only. Anyone who can write the database can append a forged record or cut the"
                        + " log short and still leave a valid chain; give --store-pub to check the signed checkpoint"
                        + " (see docs/explanation/store-security.md)");
            } else if (checkpoint == null) {
                out.println("note: a rolled-back checkpoint table (newer checkpoints and records removed together) is"
                        + " detected only against a checkpoint kept outside the database: --checkpoint FILE");
            }
            out.flush();
        } else {
            PrintWriter err = spec.commandLine().getErr();
            err.println("hermetic: store " + name + " fails verification (" + CountText.of(report.records(), "record") + " read):");
            report.problems().forEach(p -> err.println("  - " + p));
            err.flush();
        }
        return report.intact() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
