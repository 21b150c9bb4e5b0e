package dev.hermeticbuild.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hermetic store}: the append-only provenance store (put, get, query, verify, checkpoint). */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "Append-only, hash-chained provenance store (SQLite or PostgreSQL).",
        subcommands = {StorePutCommand.class, StoreGetCommand.class, StoreQueryCommand.class, StoreVerifyCommand.class,
                StoreCheckpointCommand.class, HelpCommand.class})
final class StoreCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
