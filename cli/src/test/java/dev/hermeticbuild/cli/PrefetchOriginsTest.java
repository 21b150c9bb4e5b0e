package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermeticbuild.cache.Registries;
import dev.hermeticbuild.lock.ProjectLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line prefetch starts with says how many inputs come from where, and never a registry's credentials. */
class PrefetchOriginsTest {

    static final String SHA = "b".repeat(64);

    @Test
    void countsPerEcosystemAndRegistriesWithoutCredentials(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hermetic.lock"), "a:b:jar:1.0 sha256=" + SHA + "\nc:d:jar:2.0 sha256=" + SHA + "\n");
        Registries registries = new Registries(List.of("https://ci:t0ken@nexus.example.com/maven?auth=s3cret", Registries.MAVEN_CENTRAL),
                List.of(Registries.NPM_REGISTRY));
        assertEquals("2 Maven inputs from https://nexus.example.com/maven, https://repo.maven.apache.org/maven2",
                PrefetchCommand.origins(ProjectLock.read(dir), registries));
        Files.writeString(dir.resolve("hermetic.lock"), "a:b:jar:1.0 sha256=" + SHA + "\n");
        assertEquals("1 Maven input from https://repo.maven.apache.org/maven2", PrefetchCommand.origins(ProjectLock.read(dir), Registries.defaults()));
    }
}
