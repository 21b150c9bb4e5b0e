package dev.hermeticbuild.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hermetic help [COMMAND [SUBCOMMAND]]}: the usage of any command, nested ones too ({@code help store put}). */
@Command(name = "help", helpCommand = true, description = "Show the usage of a command: hermetic help build, hermetic help store put.")
final class HelpCommand implements Runnable, CommandLine.IHelpCommandInitializable2 {

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command (and subcommand) to show.")
    List<String> names = new ArrayList<>();

    private CommandLine self;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.out = out;
    }

    @Override
    public void run() {
        List<String> unmatched = self.getParseResult() == null ? List.of() : self.getParseResult().unmatched();
        if (!unmatched.isEmpty()) {
            throw new CommandLine.UnmatchedArgumentException(self, unmatched);
        }
        CommandLine target = self.getParent();
        for (String name : names) {
            CommandLine sub = name.startsWith("-") ? null : target.getSubcommands().get(name);
            if (sub == null) {
                throw new CommandLine.UnmatchedArgumentException(self, name.startsWith("-")
                        ? "Unknown option: '" + name + "'"
                        : "Unknown command: '" + name + "' (" + target.getCommandSpec().qualifiedName() + " has "
                                + String.join(", ", target.getSubcommands().keySet()) + ")");
            }
            target = sub;
        }
        target.usage(out, CommandLine.Help.Ansi.OFF);
        out.flush();
    }
}
