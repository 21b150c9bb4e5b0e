package dev.hermeticbuild.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hermetic} command: hermetic builds, provenance, signing and verification outside
 * Jenkins and inside the agent image. Its exit codes are {@link ExitCodes}; with {@code --json}
 * every outcome, a usage error too, is one {@link JsonReport} on stdout.
 */
@Command(name = "hermetic", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = HermeticCommand.Version.class,
        description = "Hermetic, deterministic, accountable builds.", footer = ExitCodes.SUMMARY,
        subcommands = {BuildCommand.class, KeygenCommand.class, AttestCommand.class, SignCommand.class,
                VerifyCommand.class, LockCommand.class, PrefetchCommand.class, SbomCommand.class, CheckReproducibleCommand.class,
                NormalizeCommand.class, RebuildCommand.class, PodTemplateCommand.class, PodLintCommand.class,
                StoreCommand.class, TraceCommand.class, MetricsCommand.class, ReportCommand.class, DemoCommand.class,
                HelpCommand.class})
public final class HermeticCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns its exit code; used by tests to run the CLI in-process. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err).execute(args);
    }

    /** The command line with this command's model, output and error handling (also what the CLI reference is made from). */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new HermeticCommand());
        cli.setOut(out);
        cli.setErr(err);
        return CommandOutcome.install(cli);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports the version recorded in the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"hermetic " + dev.hermeticbuild.BuildInfo.version()};
        }
    }
}
