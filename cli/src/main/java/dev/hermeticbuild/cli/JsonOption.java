package dev.hermeticbuild.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --json} option of a command, and what the command reports through it: its result
 * and its errors. The command line prints them as one {@link JsonReport} once the exit code is known.
 */
final class JsonOption {

    @Option(names = "--json", description = "Print one JSON object on stdout: ok, exitCode, errors[], result"
            + " (docs/reference/json-output.md).")
    boolean enabled;

    private ObjectNode result;
    private final List<JsonReport.Error> errors = new ArrayList<>();

    /** The command's result (its {@code result} member). */
    void result(ObjectNode node) {
        this.result = node;
    }

    /** One reason the command did not succeed. */
    void error(String code, String message) {
        errors.add(new JsonReport.Error(code, message));
    }

    /** The report of a command that ended with {@code exitCode}. */
    JsonReport report(int exitCode) {
        return JsonReport.of(exitCode, errors, Optional.ofNullable(result));
    }

    /** The {@code --json} option of this command, when it has one and it was given. */
    static Optional<JsonOption> given(CommandSpec spec) {
        return spec.mixins().values().stream()
                .map(CommandSpec::userObject)
                .filter(JsonOption.class::isInstance)
                .map(JsonOption.class::cast)
                .filter(j -> j.enabled)
                .findFirst();
    }
}
