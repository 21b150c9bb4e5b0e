package dev.hermeticbuild.cli;

import dev.hermeticbuild.HermeticException;
import dev.hermeticbuild.Printable;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * How a command's run ends, for every command alike: its exit code, its message on stderr, and
 * with {@code --json} its {@link JsonReport} on stdout, for a success, an engine error, a usage
 * error and a crash of hermetic itself.
 */
final class CommandOutcome {

    private CommandOutcome() {
    }

    /** {@code cli} with this outcome handling. */
    static CommandLine install(CommandLine cli) {
        cli.setExecutionStrategy(CommandOutcome::runAndReport);
        cli.setExecutionExceptionHandler(CommandOutcome::failed);
        cli.setParameterExceptionHandler(CommandOutcome::usageError);
        return cli;
    }

    private static int runAndReport(CommandLine.ParseResult parseResult) {
        int exitCode = new CommandLine.RunLast().execute(parseResult);
        CommandLine last = lastCommand(parseResult);
        JsonOption.given(last.getCommandSpec()).ifPresent(json -> json.report(exitCode).print(last.getOut()));
        return exitCode;
    }

    private static CommandLine lastCommand(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult p = parseResult;
        while (p.hasSubcommand()) {
            p = p.subcommand();
        }
        return p.commandSpec().commandLine();
    }

    /** An exception out of a command: what it had reported so far under --json stays in the report. */
    private static int failed(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        if (!(e instanceof HermeticException he)) {
            e.printStackTrace(commandLine.getErr());
            int exitCode = commandLine.getCommandSpec().exitCodeOnExecutionException();
            JsonOption.given(commandLine.getCommandSpec()).ifPresent(json -> JsonReport.failure(exitCode,
                    new JsonReport.Error(ErrorCodes.INTERNAL_ERROR, "hermetic failed unexpectedly (" + e
                            + "); the stack trace is on stderr: please report it")).print(commandLine.getOut()));
            return exitCode;
        }
        commandLine.getErr().println("hermetic: " + Printable.escapeKeepingLines(he.getMessage()));
        JsonOption.given(commandLine.getCommandSpec()).ifPresent(json -> {
            ErrorCodes.of(he).forEach(error -> json.error(error.code(), error.message()));
            json.report(he.exitCode()).print(commandLine.getOut());
        });
        return he.exitCode();
    }

    /**
     * A usage error (unknown option, missing or bad value): the message and where to read on, on
     * stderr; with {@code --json} before {@code --}, the report on stdout too. Exit code 2.
     */
    private static int usageError(CommandLine.ParameterException given, String[] args) {
        CommandLine cli = given.getCommandLine();
        CommandLine.ParameterException e = given instanceof CommandLine.MissingParameterException
                ? unknownOptions(cli, args).<CommandLine.ParameterException>map(u -> u).orElse(given) : given;
        PrintWriter err = cli.getErr();
        String name = cli.getCommandSpec().qualifiedName();
        err.println(name + ": " + Printable.escape(e.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        if (jsonAsked(args)) {
            JsonReport.failure(ExitCodes.INPUT_ERROR, new JsonReport.Error(ErrorCodes.of(e), e.getMessage())).print(cli.getOut());
        }
        return ExitCodes.INPUT_ERROR;
    }

    private static boolean jsonAsked(String[] args) {
        return ours(args).contains("--json");
    }

    /** The arguments before {@code --} (those after it are the build command's). */
    private static List<String> ours(String[] args) {
        List<String> all = Arrays.asList(args);
        int end = all.indexOf("--");
        return end < 0 ? all : all.subList(0, end);
    }

    /**
     * picocli reports a missing required option before an unknown one; the unknown one is the
     * likelier mistake (a misspelt required option is both), so it is the one named.
     */
    private static java.util.Optional<CommandLine.UnmatchedArgumentException> unknownOptions(CommandLine cli, String[] args) {
        java.util.Set<String> known = new java.util.HashSet<>();
        for (CommandLine c = cli; c != null; c = c.getParent()) {
            known.addAll(c.getCommandSpec().optionsMap().keySet());
        }
        List<String> unknown = ours(args).stream()
                .filter(a -> a.startsWith("-") && !a.equals("-"))
                .filter(a -> !known.contains(a.contains("=") ? a.substring(0, a.indexOf('=')) : a))
                .filter(a -> !(a.length() > 2 && a.charAt(1) != '-' && known.contains(a.substring(0, 2))))
                .toList();
        return unknown.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(new CommandLine.UnmatchedArgumentException(cli, unknown));
    }
}
