package dev.hermeticbuild.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The directory is a Jenkins shared library: vars/ with help for each global variable, src/, resources/. */
class LibraryLayoutTest {

    @Test
    void everyGlobalVariableHasItsHelpPage() throws IOException {
        Path vars = LibraryHarness.LIBRARY.resolve("vars");
        try (Stream<Path> files = Files.list(vars)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".groovy")).sorted().toList();
            assertEquals(List.of("hermeticPipeline.groovy", "hermeticPod.groovy"), names);
            for (String name : names) {
                Path help = vars.resolve(name.replace(".groovy", ".txt"));
                assertTrue(Files.readString(help).contains("<code>" + name.replace(".groovy", "")), help + " documents the variable");
            }
        }
        assertTrue(Files.isRegularFile(LibraryHarness.LIBRARY.resolve("resources/dev/hermeticbuild/hermetic-pod.yaml")));
        assertTrue(Files.isRegularFile(LibraryHarness.LIBRARY.resolve("src/dev/hermeticbuild/pipeline/PipelineConfig.groovy")));
    }
}
