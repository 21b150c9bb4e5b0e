package dev.hermeticbuild.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.HermeticException;
import dev.hermeticbuild.artifacts.OutputGlob;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.sandbox.SandboxMode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build refuses a dependency cache it could be tricked by, before its command runs, and leaves what links point at alone. */
class BuildCacheSafetyTest {

    static final byte[] JAR = "the real jar bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    Path workspace;
    Path cache;
    Path victim;

    @BeforeEach
    void project() throws Exception {
        workspace = Files.createDirectory(dir.resolve("ws"));
        cache = Files.createDirectory(dir.resolve("cache"));
        victim = Files.createDirectory(dir.resolve("victim"));
        Files.writeString(victim.resolve("precious.txt"), "keep me");
        Files.writeString(workspace.resolve("hermetic.lock"), "org.example:lib:jar:1.0 sha256=" + Sha256.ofBytes(JAR) + "\n");
        Files.writeString(workspace.resolve("build.sh"), "#!/bin/sh\nmkdir -p dist && echo app > dist/app.txt\n");
        workspace.resolve("build.sh").toFile().setExecutable(true);
    }

    @Test
    void symlinkedCacheDirectoriesAreRefused() throws Exception {
        for (String link : List.of("tmp", "sha256")) {
            Path planted = Files.createSymbolicLink(cache.resolve(link), victim);
            HermeticException e = assertThrows(HermeticException.class, () -> build(cache));
            assertTrue(e.getMessage().contains(planted + " is a symlink"), e.getMessage());
            Files.delete(planted);
        }
        String sha = Sha256.ofBytes(JAR);
        Files.createSymbolicLink(Files.createDirectory(cache.resolve("sha256")).resolve(sha.substring(0, 2)), victim);
        Files.write(victim.resolve(sha), JAR);
        HermeticException e = assertThrows(HermeticException.class, () -> build(cache));
        assertTrue(e.getMessage().contains("is a symlink"), e.getMessage());
        assertEquals("keep me", Files.readString(victim.resolve("precious.txt")));
        assertFalse(Files.exists(workspace.resolve("dist")), "the build must not have run");
    }

    @Test
    void aCacheInsideTheWorkspaceIsRefused() {
        HermeticException e = assertThrows(HermeticException.class, () -> build(workspace.resolve(".cache")));
        assertTrue(e.getMessage().contains("is inside the workspace"), e.getMessage());
        assertFalse(Files.exists(workspace.resolve("dist")));
    }

    private BuildResult build(Path cacheDir) {
        BuildRequest r = BuildRequest.builder()
                .workspace(workspace).outDir(dir.resolve("out")).outputs(List.of(new OutputGlob("dist/*.txt")))
                .command(List.of("./build.sh")).tier(Tier.DEV).builderId("https://ci.example.com/hermetic")
                .timeout(Duration.ofMinutes(5)).cache(Optional.of(cacheDir)).build();
        return HermeticBuild.run(r, new ByteArrayOutputStream(), Map.of());
    }
}
