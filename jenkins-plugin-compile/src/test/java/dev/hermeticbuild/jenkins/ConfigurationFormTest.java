package dev.hermeticbuild.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The configuration forms: every field has help, and the global fields' checks say what the engine would refuse. */
class ConfigurationFormTest {

    @Test
    void everyFieldOfEveryFormHasItsHelpPage() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(JellyMessagesTest.RESOURCES)) {
            for (Path jelly : files.filter(f -> f.getFileName().toString().equals("config.jelly")).toList()) {
                Matcher field = Pattern.compile("field=\"([A-Za-z]+)\"").matcher(Files.readString(jelly));
                while (field.find()) {
                    Path help = jelly.resolveSibling("help-" + field.group(1) + ".html");
                    if (!Files.exists(help) && !inherited(jelly, field.group(1))) {
                        missing.add(JellyMessagesTest.RESOURCES.relativize(help).toString());
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    /** Fields of CommandStep (command, outputs, tier, cache) have their help beside CommandStep. */
    private static boolean inherited(Path jelly, String field) {
        return Files.exists(jelly.getParent().resolveSibling("CommandStep").resolve("help-" + field + ".html"));
    }
}
