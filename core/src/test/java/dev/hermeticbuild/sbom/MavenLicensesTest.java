package dev.hermeticbuild.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermeticbuild.artifacts.Sha256;
import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.lock.ProjectLock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenLicensesTest {

    static final String PARENT = "<project><groupId>org.example</groupId><artifactId>parent</artifactId><version>3</version>"
            + "<licenses><license><name>Apache-2.0</name></license></licenses></project>";
    static final String CHILD = "<project><parent><groupId>org.example</groupId><artifactId>parent</artifactId><version>3</version></parent>"
            + "<artifactId>lib</artifactId><version>1.0</version></project>";
    static final String HOSTILE = "<!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><project><licenses><license><name>&x;</name></license></licenses></project>";

    @Test
    void licensesComeFromTheLockedPomOrItsLockedParentAndEntitiesAreNeverExpanded(@TempDir Path project, @TempDir Path cacheDir) throws Exception {
        ContentCache cache = new ContentCache(cacheDir);
        StringBuilder lock = new StringBuilder();
        for (String[] e : new String[][] {{"org.example:parent:pom:3", PARENT}, {"org.example:lib:pom:1.0", CHILD},
                {"org.example:lib:jar:1.0", "jar"}, {"org.example:evil:pom:1", HOSTILE}, {"org.example:evil:jar:1", "jar2"}}) {
            byte[] bytes = e[1].getBytes(StandardCharsets.UTF_8);
            cache.put(e[0], "sha256", Sha256.ofBytes(bytes), new ByteArrayInputStream(bytes));
            lock.append(e[0]).append(" sha256=").append(Sha256.ofBytes(bytes)).append('\n');
        }
        Files.writeString(project.resolve("hermetic.lock"), lock.toString());
        var enriched = MavenLicenses.enrich(ProjectLock.read(project).dependencies(), cache);
        assertEquals(List.of("Apache-2.0"), enriched.get(0).licenses());
        assertEquals(List.of("Apache-2.0"), enriched.get(1).licenses(), "inherited from the locked parent");
        assertEquals(List.of("Apache-2.0"), enriched.get(2).licenses(), "the jar takes its POM's license");
        assertEquals(List.of(), enriched.get(3).licenses(), "a POM with a DOCTYPE is not read at all");
    }
}
