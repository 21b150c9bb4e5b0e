package dev.hermeticbuild.cli;

import dev.hermeticbuild.Printable;
import dev.hermeticbuild.HermeticException;
import java.io.PrintWriter;
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
        description = "Hermetic, deterministic, accountable builds.",
        subcommands = {BuildCommand.class, KeygenCommand.class, AttestCommand.class, SignCommand.class,
                VerifyCommand.class, LockCommand.class, PrefetchCommand.class, SbomCommand.class, CheckReproducibleCommand.class,
                NormalizeCommand.class, RebuildCommand.class, PodTemplateCommand.class, PodLintCommand.class,
                StoreCommand.class, TraceCommand.class, MetricsCommand.class, ReportCommand.class, DemoCommand.class})
public final class HermeticCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns its exit code; used by tests to run the CLI in-process. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new HermeticCommand());
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
