package dev.hermeticbuild.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryLayoutTest {

    @TempDir
    Path dir;

    @Test
    void everyParentIsListedOnceBeforeItsChildren() {
        RepositoryLayout layout = RepositoryLayout.of(Map.of(
                Path.of("org/a/1/a-1.jar"), "/deps/sha256-01",
                Path.of("org/a/1/a-1.pom"), "/deps/sha256-02",
                Path.of("org/a-b/2/a-b-2.jar"), "/deps/sha256-03"));
        assertEquals(List.of("org", "org/a", "org/a-b", "org/a-b/2", "org/a/1"), layout.directories());
        assertEquals(3, layout.links().size());
    }

    @Test
    void aLinkThatIsAlsoTheDirectoryOfAnotherIsRefusedNamingBoth() {
        var e = assertThrows(CacheException.class, () -> RepositoryLayout.of(Map.of(
                Path.of("org/a/1/a-1.jar"), "/deps/sha256-01",
                Path.of("org/a/1/a-1.jar/x.pom"), "/deps/sha256-02")));
        assertEquals("the lock places org/a/1/a-1.jar and org/a/1/a-1.jar/x.pom in the build's Maven repository:"
                + " a file cannot also be a directory; fix the lock", e.getMessage());
    }

    @Test
    void writtenOnTheHostItHoldsExactlyTheLinks() throws Exception {
        RepositoryLayout layout = RepositoryLayout.of(Map.of(Path.of("org/a/1/a-1.jar"), "/deps/sha256-01"));
        Path repository = dir.resolve("home/.m2/repository");
        layout.writeUnder(repository);
        assertEquals(Path.of("/deps/sha256-01"), Files.readSymbolicLink(repository.resolve("org/a/1/a-1.jar")));
        var e = assertThrows(CacheException.class, () -> layout.writeUnder(repository));
        assertTrue(e.getMessage().startsWith("cannot lay out the build's Maven repository in " + repository), e.getMessage());
    }
}
