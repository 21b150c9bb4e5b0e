package dev.hermeticbuild.cli;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.store.NotFoundException;
import dev.hermeticbuild.store.ProvenanceStore;
import dev.hermeticbuild.store.CheckedRecord;
import dev.hermeticbuild.store.RecordCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hermetic store get SEQ}: one record by its position, checked now ({@code --pub},
 * {@code --store-pub}); {@code --bundle-out} writes the bundle exactly as it was put, so it can
 * be checked again with {@code hermetic verify}.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Show one record by its position in the log; --bundle-out writes its bundle as it was put.")
final class StoreGetCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SEQ", description = "Position in the log (from 1).")
    long seq;

    @Option(names = "--bundle-out", paramLabel = "FILE", description = "Write the record's Sigstore bundle here.")
    Path bundleOut;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions store;

    @Mixin
    RecordCheckOptions check;

    @Override
    public Integer call() {
        RecordCheck checker = check.check();
        CheckedRecord r;
        try (ProvenanceStore s = store.open()) {
            r = checker.check(s, s.bySeq(seq).orElseThrow(() -> new NotFoundException("no record #" + seq + " in store " + s.describe())));
        }
        if (bundleOut != null) {
            String bundle = r.record().bundle().orElseThrow(() -> new InputException("record #" + seq
                    + " has no bundle (" + r.record().signature().status().label() + "): nothing to write to --bundle-out"));
            try {
                Files.writeString(bundleOut, bundle, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InputException("--bundle-out " + bundleOut + ": cannot write (" + e.getMessage() + ")", e);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled) {
            json.result(RecordJson.of(r));
        } else {
            RecordJson.text(out, r);
            out.flush();
        }
        return ExitCodes.OK;
    }
}
