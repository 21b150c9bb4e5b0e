package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/reference/cli.md is what {@link CliReference} generates from the commands the jar has:
 * a command, option or exit code added without regenerating it fails here.
 */
class CliReferenceTest {

    static final Path FILE = Path.of("..", "docs", "reference", "cli.md");

    @Test
    void theCommittedReferenceIsTheGeneratedOne() throws IOException {
        String generated = CliReference.markdown();
        if (Boolean.getBoolean("hermetic.regenerate")) {
            Files.writeString(FILE, generated, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(FILE) ? Files.readString(FILE, StandardCharsets.UTF_8) : "";
        assertEquals(generated, committed, FILE + " is out of date with the commands; regenerate it with\n    "
                + CliReference.REGENERATE + "\n");
    }

    @Test
    void everyCommandHasASection() {
        String generated = CliReference.markdown();
        for (List<String> path : CliContractTest.commands()) {
            if (!path.isEmpty()) {
                String name = "hermetic " + String.join(" ", path);
                assertTrue(generated.contains("\n## " + name + "\n"), "no section for " + name);
            }
        }
        assertTrue(generated.contains("| 5 | `unavailable` |"), "the exit-code table");
    }

    @Test
    void theJsonReferenceNamesEveryErrorCode() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "reference", "json-output.md"), StandardCharsets.UTF_8);
        List<String> codes = new java.util.ArrayList<>();
        codes.addAll(ErrorCodes.COMMAND_CODES);
        codes.addAll(ErrorCodes.USAGE_CODES);
        codes.addAll(ErrorCodes.exceptionCodes());
        ExitCodes.TABLE.stream().map(ExitCodes.Entry::code).filter(c -> !c.isEmpty()).forEach(codes::add);
        for (var c : dev.hermeticbuild.verify.VerificationFailure.Code.values()) {
            codes.add(c.id());
        }
        for (var c : dev.hermeticbuild.build.ReleaseRefusal.Code.values()) {
            codes.add(c.id());
        }
        for (String code : codes) {
            assertTrue(doc.contains("`" + code + "`"), "docs/reference/json-output.md does not name the error code " + code);
        }
    }
}
