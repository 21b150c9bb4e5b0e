package dev.hermeticbuild.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code hermetic} as a real process of its own (the test's JVM and classpath), for what only a process shows: signals, stdout. */
final class HermeticProcess {

    private HermeticProcess() {
    }

    static ProcessBuilder of(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HermeticCommand.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
