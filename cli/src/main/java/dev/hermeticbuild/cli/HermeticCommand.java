package dev.hermeticbuild.cli;

import dev.hermeticbuild.Printable;
import dev.hermeticbuild.HermeticException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hermetic} command: hermetic builds, provenance, signing and verification outside
 * Jenkins and inside the agent image. Exit codes: 0 success, 1 a verification or policy check
 * failed, 2 usage or input error, 3 isolation could not be established, 4 the build command
 * itself failed.
 */
@Command(name = "hermetic", mixinStandardHelpOptions = true,
        versionProvider = HermeticCommand.Version.class,
        description = "Hermetic, deterministic, accountable builds.")
public final class HermeticCommand implements Runnable {

    /** Every subcommand, in the order usage lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(BuildCommand.class, KeygenCommand.class, AttestCommand.class,
            SignCommand.class, VerifyCommand.class, LockCommand.class, PrefetchCommand.class, SbomCommand.class,
            CheckReproducibleCommand.class, NormalizeCommand.class, RebuildCommand.class, PodTemplateCommand.class,
            PodLintCommand.class, StoreCommand.class, TraceCommand.class, MetricsCommand.class, ReportCommand.class,
            DemoCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns its exit code; used by tests to run the CLI in-process. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(args.length > 0 ? args[0] : "");
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof HermeticException he) {
                commandLine.getErr().println("hermetic: " + Printable.escapeKeepingLines(he.getMessage()));
                return he.exitCode();
            }
            throw e;
        });
        return cli.execute(args);
    }

    /** The whole command tree, as usage, help and the generated reference see it. */
    public static CommandLine commandLine() {
        return commandLine("");
    }

    /**
     * The command tree for a command line whose first argument is {@code first}: only that
     * subcommand when it names one (picocli reads every subcommand's options by reflection when
     * it is added, which is a good part of a short command's start-up), none for {@code --version},
     * else all of them.
     */
    static CommandLine commandLine(String first) {
        CommandLine cli = new CommandLine(new HermeticCommand());
        if (first.equals("--version") || first.equals("-V")) {
            return cli;
        }
        List<Class<?>> named = SUBCOMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(first)).toList();
        for (Class<?> subcommand : named.isEmpty() ? SUBCOMMANDS : named) {
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
