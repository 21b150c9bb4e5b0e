package dev.hermeticbuild.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one shape of {@code --json} output, for every command and every outcome (a usage error
 * too): {@code ok}, {@code exitCode} (the process's), {@code errors[]} with stable codes, and
 * the command's {@code result} (null when it produced none). Its schema is
 * {@code docs/reference/json-output.schema.json}.
 *
 * @param exitCode the exit code of the process
 * @param errors   why it did not succeed; empty exactly when {@code exitCode} is 0
 * @param result   what the command reports, when it got that far
 */
record JsonReport(int exitCode, List<Error> errors, Optional<ObjectNode> result) {

    /** One reason a command did not succeed: a code that never changes between versions, and a message for people. */
    record Error(String code, String message) {
    }

    JsonReport {
        errors = List.copyOf(errors);
    }

    /** A report whose errors are never empty on failure: a command that gave none gets its exit code's. */
    static JsonReport of(int exitCode, List<Error> errors, Optional<ObjectNode> result) {
        List<Error> all = new ArrayList<>(exitCode == ExitCodes.OK ? List.of() : errors);
        if (exitCode != ExitCodes.OK && all.isEmpty()) {
            all.add(new Error(ExitCodes.code(exitCode), ExitCodes.meaning(exitCode)));
        }
        return new JsonReport(exitCode, all, result);
    }

    static JsonReport failure(int exitCode, Error error) {
        return new JsonReport(exitCode, List.of(error), Optional.empty());
    }

    boolean ok() {
        return exitCode == ExitCodes.OK;
    }

    ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("ok", ok());
        n.put("exitCode", exitCode);
        ArrayNode list = n.putArray("errors");
        errors.forEach(e -> list.addObject().put("code", e.code()).put("message", e.message()));
        if (result.isPresent()) {
            n.set("result", result.get());
        } else {
            n.putNull("result");
        }
        return n;
    }

    void print(PrintWriter out) {
        Json.print(out, toJson());
    }
}
