package dev.hermeticbuild.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.store.CheckedRecord;
import dev.hermeticbuild.store.Digests;
import dev.hermeticbuild.store.RecordCheck;
import dev.hermeticbuild.store.NotFoundException;
import dev.hermeticbuild.store.ProvenanceStore;
import dev.hermeticbuild.store.StoredRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hermetic store query}: records by artifact digest, source commit or build id, each
 * checked now ({@code --pub}, {@code --store-pub}); none found is exit 1.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Find records by artifact digest, source commit or build id (exit 1 when none).")
final class StoreQueryCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    static final class Key {
        @Option(names = "--digest", paramLabel = "sha256:HEX", description = "Artifact digest.")
        String digest;

        @Option(names = "--commit", paramLabel = "SHA", description = "Source commit.")
        String commit;

        @Option(names = "--build-id", paramLabel = "ID", description = "Build id given at put.")
        String buildId;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Key key;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions store;

    @Mixin
    RecordCheckOptions check;

    @Override
    public Integer call() {
        RecordCheck checker = check.check();
        try (ProvenanceStore s = store.open()) {
            List<StoredRecord> found;
            String what;
            if (key.digest != null) {
                String d = Digests.parse("--digest", key.digest);
                found = s.bySubject(d);
                what = "artifact sha256:" + d;
            } else if (key.commit != null) {
                found = s.byCommit(key.commit.strip().toLowerCase(java.util.Locale.ROOT));
                what = "commit " + key.commit;
            } else {
                found = s.byBuildId(key.buildId);
                what = "build id " + key.buildId;
            }
            if (found.isEmpty()) {
                throw new NotFoundException("no record of " + what + " in store " + s.describe());
            }
            List<CheckedRecord> checked = checker.check(s, found);
            PrintWriter out = spec.commandLine().getOut();
            if (json.enabled) {
                ObjectNode n = Json.object();
                n.put("store", s.describe());
                ArrayNode records = n.putArray("records");
                checked.forEach(r -> records.add(RecordJson.of(r)));
                json.result(n);
            } else {
                checked.forEach(r -> RecordJson.text(out, r));
                out.flush();
            }
        }
        return ExitCodes.OK;
    }
}
