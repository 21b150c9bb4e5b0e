package dev.hermeticbuild.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.store.ChainReport;
import dev.hermeticbuild.store.ProvenanceStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hermetic store verify}: walk the whole log; exit 1 naming every changed, deleted or reordered row. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check the whole log: every hash, every link, every index entry (exit 1 naming each broken row).")
final class StoreVerifyCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--expect-head", paramLabel = "SEQ:HASH",
            description = "A head printed by an earlier store verify, kept elsewhere: also detect a truncated or rewritten log.")
    String expectHead;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        ChainReport report;
        String name;
        try (ProvenanceStore s = store.open()) {
            report = s.verify(java.util.Optional.ofNullable(expectHead)
                    .map(h -> dev.hermeticbuild.store.ChainAnchor.parse("--expect-head", h)));
            name = s.describe();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode n = Json.object();
            n.put("store", name);
            n.put("intact", report.intact());
            n.put("records", report.records());
            n.put("headSeq", report.headSeq());
            n.put("headHash", report.headHash());
            var problems = n.putArray("problems");
            report.problems().forEach(p -> problems.addObject().put("seq", p.seq()).put("reason", p.reason()));
            Json.print(out, n);
        } else if (report.intact()) {
            out.println("store " + name + ": " + report.records() + " records, chain intact; head #" + report.headSeq()
                    + " " + report.headHash());
            out.println("head: " + report.headSeq() + ":" + report.headHash());
            if (expectHead == null) {
                out.println("note: keep the head elsewhere and pass it as --expect-head later: a log cut short or"
                        + " rewritten with recomputed hashes is still a valid chain");
            }
            out.flush();
        } else {
            PrintWriter err = spec.commandLine().getErr();
            err.println("hermetic: store " + name + " fails verification (" + report.records() + " records read):");
            report.problems().forEach(p -> err.println("  - " + p));
            err.flush();
        }
        return report.intact() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
