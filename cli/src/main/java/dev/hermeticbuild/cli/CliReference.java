package dev.hermeticbuild.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The CLI reference (docs/reference/cli.md) written from the picocli model and {@link ExitCodes},
 * so it lists exactly the commands and options the jar has; CliReferenceTest keeps the committed
 * file equal to it.
 */
final class CliReference {

    /** How to rewrite the committed file after changing a command. */
    static final String REGENERATE = "mvn -B -pl cli -am test -Dtest=CliReferenceTest -Dhermetic.regenerate=true"
            + " -Dsurefire.failIfNoSpecifiedTests=false";

    private static final int WIDTH = 100;

    private CliReference() {
    }

    /** The whole reference, in Markdown. */
    static String markdown() {
        CommandLine root = HermeticCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        List<CommandLine> commands = new ArrayList<>();
        collect(root, commands);
        StringBuilder md = new StringBuilder();
        md.append("# `hermetic` command reference\n\n")
                .append("<!-- Generated from the picocli model by cli/src/main/java/dev/hermeticbuild/cli/CliReference.java;\n")
                .append("     do not edit. After changing a command, regenerate with:\n")
                .append("     ").append(REGENERATE).append(" -->\n\n")
                .append("Every command also takes `-h`/`--help` (its usage, exit 0) and `-V`/`--version`; `hermetic help COMMAND")
                .append(" [SUBCOMMAND]` shows the same usage. With `--json`, a command prints one JSON object on stdout whatever")
                .append(" the outcome, a usage error too: see [json-output.md](json-output.md).\n\n");
        exitCodes(md);
        md.append("## Commands\n\n| Command | What it does |\n|---|---|\n");
        for (CommandLine c : commands) {
            if (c != root) {
                CommandSpec s = c.getCommandSpec();
                md.append("| [`").append(s.qualifiedName()).append("`](#").append(anchor(s)).append(") | ")
                        .append(cell(String.join(" ", s.usageMessage().description()))).append(" |\n");
            }
        }
        md.append('\n');
        for (CommandLine c : commands) {
            if (c != root) {
                command(md, c.getCommandSpec());
            }
        }
        return md.toString();
    }

    private static void exitCodes(StringBuilder md) {
        md.append("## Exit codes\n\nThe same for every command. With `--json`, `exitCode` is the process's exit code and a")
                .append(" failure that names no more precise error code carries the one below.\n\n")
                .append("| Exit code | `--json` error code | Meaning |\n|---|---|---|\n");
        for (ExitCodes.Entry e : ExitCodes.TABLE) {
            md.append("| ").append(e.exitCode()).append(" | ").append(e.code().isEmpty() ? "" : "`" + e.code() + "`")
                    .append(" | ").append(cell(e.meaning())).append(" |\n");
        }
        md.append('\n');
    }

    private static void collect(CommandLine c, List<CommandLine> into) {
        into.add(c);
        c.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().name().equals(name)) {
                collect(sub, into);
            }
        });
    }

    private static void command(StringBuilder md, CommandSpec s) {
        md.append("## ").append(s.qualifiedName()).append("\n\n");
        md.append(String.join(" ", s.usageMessage().description())).append("\n\n");
        CommandLine.Help help = new CommandLine.Help(s, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        s.usageMessage().width(WIDTH);
        md.append("```\n").append(help.synopsis(0).stripTrailing()).append("\n```\n\n");
        List<PositionalParamSpec> positionals = s.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        List<OptionSpec> options = s.options().stream()
                .filter(o -> !o.hidden() && !o.usageHelp() && !o.versionHelp()).toList();
        if (!positionals.isEmpty() || !options.isEmpty()) {
            md.append("| Argument | Description |\n|---|---|\n");
            for (PositionalParamSpec p : positionals) {
                md.append("| `").append(cell(p.paramLabel())).append(p.arity().max() > 1 ? "..." : "").append("`")
                        .append(p.arity().min() > 0 ? " (required)" : "").append(" | ")
                        .append(cell(String.join(" ", p.description()))).append(" |\n");
            }
            for (OptionSpec o : options) {
                md.append("| `").append(String.join("`, `", o.names())).append("`")
                        .append(o.typeInfo().isBoolean() ? "" : " `" + cell(o.paramLabel()) + "`")
                        .append(o.group() != null ? " (one of a group, see the synopsis)" : o.required() ? " (required)" : "")
                        .append(o.isMultiValue() ? " (repeatable)" : "")
                        .append(" | ").append(cell(String.join(" ", o.description()))).append(" |\n");
            }
            md.append('\n');
        }
        if (!s.subcommands().isEmpty()) {
            md.append("Subcommands: ").append(String.join(", ", s.subcommands().keySet().stream()
                    .filter(n -> s.subcommands().get(n).getCommandSpec().name().equals(n))
                    .map(n -> "[`" + n + "`](#" + anchor(s.subcommands().get(n).getCommandSpec()) + ")").toList())).append(".\n\n");
        }
    }

    private static String anchor(CommandSpec s) {
        return s.qualifiedName().replace(' ', '-');
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
