package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The committed JSON Schema of {@code --json} output (docs/reference/json-output.schema.json), applied to a command's stdout. */
final class JsonOutputSchema {

    static final Path FILE = Path.of("..", "docs", "reference", "json-output.schema.json");

    private static final Schema SCHEMA = load();

    private JsonOutputSchema() {
    }

    private static Schema load() {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(Files.readString(FILE), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems of {@code json} against the schema; empty when it is valid. */
    static List<String> problems(String json) {
        return SCHEMA.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    /**
     * Asserts that a run printed exactly one schema-valid report on stdout whose exitCode is the
     * process's, and returns it.
     */
    /** As {@link #assertReport(int, String, String)}, and the report's {@code result}. */
    static JsonNode result(int exit, String out, String err) {
        JsonNode result = assertReport(exit, out, err).path("result");
        assertTrue(result.isObject(), "no result: " + out);
        return result;
    }

    static JsonNode assertReport(BuildCommandTest.Run run) {
        return assertReport(run.exit(), run.out(), run.err());
    }

    static JsonNode assertReport(int exit, String out, String err) {
        List<String> problems = problems(out);
        assertTrue(problems.isEmpty(), "not schema-valid: " + problems + "\nstdout: " + out + "\nstderr: " + err);
        try {
            JsonNode report = new ObjectMapper().readTree(out);
            assertEquals(exit, report.path("exitCode").asInt(), "exitCode in the JSON must be the process's: " + out);
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
