package dev.hermeticbuild.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.Extension;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin installs without the Kubernetes plugin: only optional extensions may use its types,
 * so Jenkins can skip them when those classes are absent, and nothing else loads them.
 */
class OptionalKubernetesTest {

    @Test
    void onlyTheOptionalPodDecoratorUsesKubernetesPluginTypes() throws IOException, URISyntaxException {
        Path classes = Path.of(HermeticPodDecorator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> users;
        try (Stream<Path> walk = Files.walk(classes.resolve("dev/hermeticbuild/jenkins"))) {
            users = walk.filter(p -> p.toString().endsWith(".class")).filter(OptionalKubernetesTest::namesKubernetesPlugin)
                    .map(p -> classes.relativize(p).toString()).sorted().toList();
        }
        assertEquals(List.of("dev/hermeticbuild/jenkins/HermeticPodDecorator.class"), users,
                "a class outside the optional extension that names org.csanchez types breaks installs without the Kubernetes plugin");
        Extension extension = HermeticPodDecorator.class.getAnnotation(Extension.class);
        assertTrue(extension != null && extension.optional(), "HermeticPodDecorator must be @Extension(optional = true)");
    }

    private static boolean namesKubernetesPlugin(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("org/csanchez/");
        } catch (IOException e) {
            throw new IllegalStateException(classFile + ": " + e.getMessage(), e);
        }
    }
}
