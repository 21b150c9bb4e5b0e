package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/**
 * The command tree is built for the command line at hand: one subcommand when the first
 * argument names it, every subcommand otherwise (usage, help, unknown names, the reference).
 */
class CommandTreeTest {

    private static List<String> names() {
        return HermeticCommand.SUBCOMMANDS.stream().map(c -> c.getAnnotation(Command.class).name()).toList();
    }

    @Test
    void theWholeTreeHasEverySubcommandInOrder() {
        assertEquals(names(), List.copyOf(HermeticCommand.commandLine().getSubcommands().keySet()));
    }

    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        for (String name : names()) {
            List<String> built = List.copyOf(HermeticCommand.commandLine(name).getSubcommands().keySet());
            assertEquals(name.equals("help") ? names() : List.of(name), built, "help shows any command, so it gets them all");
        }
    }

    @Test
    void theVersionNeedsNoSubcommand() {
        assertTrue(HermeticCommand.commandLine("--version").getSubcommands().isEmpty());
        StringWriter out = new StringWriter();
        assertEquals(0, HermeticCommand.execute(new String[] {"--version"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)));
        assertTrue(out.toString().startsWith("hermetic "), out.toString());
    }

    @Test
    void usageWithoutASubcommandStillListsThemAll() {
        StringWriter out = new StringWriter();
        int exit = HermeticCommand.execute(new String[] {"--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertEquals(0, exit);
        for (String name : names()) {
            assertTrue(out.toString().contains("  " + name + " "), name + " missing from usage:\n" + out);
        }
    }

    @Test
    void anUnknownSubcommandIsAUsageErrorThatNamesIt() {
        StringWriter err = new StringWriter();
        int exit = HermeticCommand.execute(new String[] {"bulid"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(2, exit);
        assertTrue(err.toString().contains("bulid"), err.toString());
    }
}
