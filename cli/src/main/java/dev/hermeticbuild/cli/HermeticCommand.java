package dev.hermeticbuild.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hermetic} command: hermetic builds, provenance, signing and verification outside
 * Jenkins and inside the agent image. Its exit codes are {@link ExitCodes}; with {@code --json}
 * every outcome, a usage error too, is one {@link JsonReport} on stdout.
 */
@Command(name = "hermetic", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = HermeticCommand.Version.class,
        description = "Hermetic, deterministic, accountable builds.", footer = ExitCodes.SUMMARY)
public final class HermeticCommand implements Runnable {

    /** Every subcommand, in the order usage lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(BuildCommand.class, KeygenCommand.class, AttestCommand.class,
            SignCommand.class, VerifyCommand.class, LockCommand.class, PrefetchCommand.class, SbomCommand.class, ImageCommand.class, PullCommand.class, PushCommand.class,
            CheckReproducibleCommand.class, NormalizeCommand.class, RebuildCommand.class, PodTemplateCommand.class,
            PodLintCommand.class, AdmissionCommand.class, StoreCommand.class, TraceCommand.class, MetricsCommand.class, ReportCommand.class,
            DemoCommand.class, HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        StartupPreload.start(args.length > 0 ? args[0] : "");
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns its exit code; used by tests to run the CLI in-process. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return withOutput(commandLine(args.length > 0 ? args[0] : ""), out, err).execute(args);
    }

    /** The whole command tree with this command's output and error handling (what the reference and the contract test walk). */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return withOutput(commandLine(), out, err);
    }

    private static CommandLine withOutput(CommandLine cli, PrintWriter out, PrintWriter err) {
        cli.setOut(out);
        cli.setErr(err);
        return CommandOutcome.install(cli);
    }

    /** The whole command tree, as usage, help and the generated reference see it. */
    public static CommandLine commandLine() {
        return commandLine("");
    }

    /**
     * The command tree for a command line whose first argument is {@code first}: only that
     * subcommand when it names one (picocli reads every subcommand's options by reflection when
     * it is added, which is a good part of a short command's start-up), none for {@code --version},
     * else (help too, which shows any of them) all of them.
     */
    static CommandLine commandLine(String first) {
        CommandLine cli = new CommandLine(new HermeticCommand());
        if (first.equals("--version") || first.equals("-V")) {
            return cli;
        }
        List<Class<?>> named = SUBCOMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(first)).toList();
        for (Class<?> subcommand : named.isEmpty() || first.equals("help") ? SUBCOMMANDS : named) {
            cli.addSubcommand(subcommand);
        }
        return cli;
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
