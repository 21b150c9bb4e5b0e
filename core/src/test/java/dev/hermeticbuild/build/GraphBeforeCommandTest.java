package dev.hermeticbuild.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.sandbox.SandboxChooser;
import dev.hermeticbuild.testing.Tools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SBOM's run-time graph is resolved while the build command runs, from what the project
 * declared before it ran: a build that rewrites its pom.xml (to hide a dependency or claim
 * another), or removes it, does not change what the SBOM says it ships.
 */
class GraphBeforeCommandTest {

    @TempDir
    Path dir;

    private static String pom(String gav, String deps) {
        String[] p = gav.split(":");
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion><groupId>" + p[0]
                + "</groupId><artifactId>" + p[1] + "</artifactId><version>" + p[2] + "</version>" + deps + "</project>";
    }

    private static String dependency(String ga) {
        String[] p = ga.split(":");
        return "<dependencies><dependency><groupId>" + p[0] + "</groupId><artifactId>" + p[1] + "</artifactId><version>1</version>"
                + "</dependency></dependencies>";
    }

    private List<String> runtimeComponents(String command) throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("ws-" + Math.abs(command.hashCode())));
        ContentCache cache = ContentCache.open(dir.resolve("cache"), workspace);
        List<String> lock = new ArrayList<>();
        for (String lib : List.of("shipped", "claimed")) {
            for (String[] file : new String[][] {{"pom", pom("org.t:" + lib + ":1", "")}, {"jar", "jar of " + lib}}) {
                byte[] bytes = file[1].getBytes(StandardCharsets.UTF_8);
                String sha = Sha256.ofBytes(bytes);
                cache.put(lib, "sha256", sha, new ByteArrayInputStream(bytes));
                lock.add("org.t:" + lib + ":" + file[0] + ":1 sha256=" + sha);
            }
        }
        Files.write(workspace.resolve("hermetic.lock"), lock);
        Files.writeString(workspace.resolve("pom.xml"), pom("org.app:app:1.0", dependency("org.t:shipped")));
        Path out = dir.resolve("out-" + Math.abs(command.hashCode()));
        BuildRequest r = BuildRequest.builder()
                .workspace(workspace).outDir(out).outputs(List.of(new OutputGlob("dist/*.txt")))
                .command(List.of("sh", "-c", command + " && mkdir -p dist && echo built > dist/app.txt")).tier(Tier.DEV)
                .builderId("https://ci.example.com/hermetic").timeout(Duration.ofMinutes(5))
                .cache(Optional.of(dir.resolve("cache"))).build();
        BuildResult result = HermeticBuild.run(r, new ByteArrayOutputStream(), Map.of());
        assertTrue(result.succeeded(), Files.readString(result.buildLog()));
        JsonNode sbom = new ObjectMapper().readTree(out.resolve(HermeticBuild.SBOM_FILE).toFile());
        return StreamSupport.stream(sbom.path("components").spliterator(), false).map(c -> c.path("purl").asText()).toList();
    }

    @Test
    void aBuildThatRewritesOrRemovesItsPomDoesNotChangeTheSbom() throws Exception {
        Tools.require("a namespace sandbox", SandboxChooser.bubblewrap().isPresent() || SandboxChooser.unshare().isPresent(),
                "the build runs sandboxed, as it does for users");
        String honest = "true";
        String rewrite = "sed -i 's/shipped/claimed/' pom.xml";
        String remove = "rm pom.xml";
        List<String> expected = runtimeComponents(honest);
        assertEquals(List.of("pkg:maven/org.t/shipped@1"), expected);
        assertEquals(expected, runtimeComponents(rewrite));
        assertEquals(expected, runtimeComponents(remove));
    }
}
