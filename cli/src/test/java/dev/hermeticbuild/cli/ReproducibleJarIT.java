package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our own CLI jar builds bit-for-bit reproducibly: the sources are built a second time, in
 * another directory, and the jar must have the same sha256 as the one this build packaged, also
 * when packaged again over that directory's existing {@code target/}.
 */
class ReproducibleJarIT {

    @Test
    void theCliJarIsTheSameBytesWhenBuiltAgainElsewhere(@TempDir Path copy) throws Exception {
        Path root = Path.of(System.getProperty("hermetic.root")).toRealPath();
        Path jar = Path.of(System.getProperty("hermetic.jar"));
        for (String part : List.of("pom.xml", "core/pom.xml", "core/src/main", "cli/pom.xml", "cli/src/main")) {
            copyTree(root.resolve(part), copy.resolve(part));
        }
        Files.writeString(copy.resolve("pom.xml"), Files.readString(copy.resolve("pom.xml"))
                .replaceAll("(?s)<module>(?!core|cli)[^<]*</module>", ""));
        packageIn(copy);
        Path copied = copy.resolve("cli/target/hermetic.jar");
        assertEquals(sha256(jar), sha256(copied), "the second build of the CLI jar differs from the first");
        packageIn(copy);
        assertEquals(sha256(jar), sha256(copied),
                "packaging again over an existing target/ (as `bin/hermetic demo` then the tests do) changed the jar");
    }

    private static void packageIn(Path dir) throws Exception {
        Process mvn = new ProcessBuilder("mvn", "-o", "-q", "-B", "-DskipTests", "package")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(mvn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, mvn.waitFor(), log);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target);
                }
            }
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
