package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The contract every command keeps, walked over the picocli model so that a new command is held
 * to it too: help on -h, --help and {@code hermetic help CMD}; an unknown option is exit 2 naming
 * it; with {@code --json} a usage error is a schema-valid report with exitCode 2; every command
 * that reports has {@code --json}.
 */
class CliContractTest {

    /** Commands whose output is a document for another tool (or usage, or a walk-through), not a report: no --json. */
    private static final Set<String> WITHOUT_JSON = Set.of("hermetic", "hermetic help", "hermetic store", "hermetic store help",
            "hermetic metrics", "hermetic pod-template", "hermetic demo", "hermetic admission", "hermetic admission help",
            "hermetic admission manifests");

    /** Every command, as the words that name it after {@code hermetic} (empty for hermetic itself). */
    static List<List<String>> commands() {
        List<List<String>> all = new ArrayList<>();
        walk(HermeticCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
                List.of(), all);
        return all;
    }

    private static void walk(CommandLine cli, List<String> path, List<List<String>> all) {
        all.add(path);
        cli.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().name().equals(name)) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                walk(sub, next, all);
            }
        });
    }

    private static CommandSpec spec(List<String> path) {
        CommandLine cli = HermeticCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        for (String name : path) {
            cli = cli.getSubcommands().get(name);
        }
        return cli.getCommandSpec();
    }

    private static BuildCommandTest.Run run(List<String> path, String... more) {
        List<String> args = new ArrayList<>(path);
        args.addAll(List.of(more));
        return BuildCommandTest.hermetic(args.toArray(String[]::new));
    }

    private static String name(List<String> path) {
        return String.join(" ", Stream.concat(Stream.of("hermetic"), path.stream()).toList());
    }

    @Test
    void theWalkFindsNestedCommands() {
        List<List<String>> all = commands();
        assertTrue(all.contains(List.of("store", "put")) && all.contains(List.of("build")) && all.contains(List.of("help")), all.toString());
        assertTrue(all.size() >= 24, all.toString());
    }

    @TestFactory
    Stream<DynamicTest> helpOnEveryCommand() {
        return commands().stream().flatMap(path -> Stream.of(
                DynamicTest.dynamicTest(name(path) + " --help", () -> assertUsage(path, run(path, "--help"))),
                DynamicTest.dynamicTest(name(path) + " -h", () -> assertUsage(path, run(path, "-h"))),
                DynamicTest.dynamicTest("hermetic help " + String.join(" ", path), () -> {
                    List<String> help = new ArrayList<>(List.of("help"));
                    help.addAll(path);
                    assertUsage(path, BuildCommandTest.hermetic(help.toArray(String[]::new)));
                })));
    }

    private static void assertUsage(List<String> path, BuildCommandTest.Run r) {
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("Usage: " + name(path)), "usage of " + name(path) + " on stdout:\n" + r.out());
        assertEquals("", r.err());
    }

    @TestFactory
    Stream<DynamicTest> anUnknownOptionIsAUsageErrorNamingIt() {
        return commands().stream().flatMap(path -> Stream.of(
                DynamicTest.dynamicTest(name(path) + " --no-such-option", () -> {
                    BuildCommandTest.Run r = run(path, "--no-such-option");
                    assertEquals(2, r.exit(), r.out() + r.err());
                    assertTrue(r.err().contains("'--no-such-option'"), r.err());
                    assertTrue(r.err().contains("Try '" + name(path) + " --help'"), r.err());
                    assertEquals("", r.out(), "nothing on stdout without --json");
                }),
                DynamicTest.dynamicTest(name(path) + " --no-such-option --json", () -> {
                    BuildCommandTest.Run r = run(path, "--no-such-option", "--json");
                    JsonNode report = JsonOutputSchema.assertReport(r);
                    assertEquals(2, report.path("exitCode").asInt());
                    assertEquals("unknown-option", report.path("errors").get(0).path("code").asText(), r.out());
                    assertTrue(report.path("errors").get(0).path("message").asText().contains("--no-such-option"), r.out());
                })));
    }

    @TestFactory
    Stream<DynamicTest> aMissingRequiredOptionWithJsonIsAReportToo() {
        return commands().stream().filter(CliContractTest::hasRequiredArguments)
                .filter(path -> spec(path).optionsMap().containsKey("--json")).map(path ->
                DynamicTest.dynamicTest(name(path) + " --json (required options missing)", () -> {
                    BuildCommandTest.Run r = run(path, "--json");
                    JsonNode report = JsonOutputSchema.assertReport(r);
                    assertEquals(2, r.exit(), r.out() + r.err());
                    assertEquals("missing-parameter", report.path("errors").get(0).path("code").asText(), r.out());
                }));
    }

    private static boolean hasRequiredArguments(List<String> path) {
        CommandSpec spec = spec(path);
        return spec.options().stream().anyMatch(CommandLine.Model.OptionSpec::required)
                || spec.positionalParameters().stream().anyMatch(p -> p.arity().min() > 0)
                || spec.argGroups().stream().anyMatch(g -> g.multiplicity().min() > 0);
    }

    @Test
    void everyCommandThatReportsHasJson() {
        for (List<String> path : commands()) {
            boolean has = spec(path).optionsMap().containsKey("--json");
            if (WITHOUT_JSON.contains(name(path))) {
                assertFalse(has, name(path) + " is listed as having no --json");
            } else {
                assertTrue(has, name(path) + " reports but has no --json (or add it to WITHOUT_JSON with a reason)");
            }
        }
    }

    @Test
    void argumentsAfterTheDoubleDashAreTheBuildsNotOurs() {
        BuildCommandTest.Run r = BuildCommandTest.hermetic("build", "--no-such-option", "--", "make", "--json");
        assertEquals(2, r.exit());
        assertEquals("", r.out(), "--json after -- belongs to the build command");
    }

    @Test
    void anUnknownCommandIsAUsageErrorWithSuggestions() {
        BuildCommandTest.Run r = BuildCommandTest.hermetic("biuld", "--json");
        JsonNode report = JsonOutputSchema.assertReport(r);
        assertEquals(2, r.exit());
        assertEquals("unknown-argument", report.path("errors").get(0).path("code").asText(), r.out());
        assertTrue(r.err().contains("build"), "suggests the command meant: " + r.err());
    }

    @Test
    void helpForAnUnknownCommandIsAUsageError() {
        BuildCommandTest.Run r = BuildCommandTest.hermetic("help", "store", "putt");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("'putt'") && r.err().contains("put, get, query, verify, checkpoint"),
                "names the unknown command and what there is: " + r.err());
    }

    @Test
    void everyUsageEndsWithTheExitCodes() {
        for (List<String> path : commands()) {
            BuildCommandTest.Run r = run(path, "--help");
            int at = r.out().indexOf("Exit codes:");
            assertTrue(at >= 0, name(path) + " --help: " + r.out());
            String footer = r.out().substring(at).replaceAll("\\s+", " ");
            for (ExitCodes.Entry e : ExitCodes.TABLE) {
                assertTrue(footer.matches(".*\\b" + e.exitCode() + "\\b.*"), name(path) + ": exit " + e.exitCode() + " in " + footer);
            }
        }
    }

    @Test
    void versionOnEveryCommandNamesTheVersion() {
        for (List<String> path : commands()) {
            BuildCommandTest.Run r = run(path, "--version");
            assertEquals(0, r.exit(), name(path) + ": " + r.err());
            assertTrue(r.out().startsWith("hermetic "), name(path) + " --version: " + r.out());
        }
    }
}
