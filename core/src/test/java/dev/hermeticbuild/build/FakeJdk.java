package dev.hermeticbuild.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small directory laid out as a JDK (a {@code release} file, an executable {@code bin/java}) that prints its version. */
public final class FakeJdk {

    private FakeJdk() {
    }

    public static Path create(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\nJAVA_RUNTIME_VERSION=\"" + version + "\"\n");
        Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\necho fake-jdk " + version + "\n");
        java.toFile().setExecutable(true, false);
        return home;
    }
}
