package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pinned-inputs flow on examples/maven-app, for real: prefetch what hermetic.lock
 * names (from a registry of the test's own that serves this machine's Maven repository, then
 * Maven Central), build at the release tier in the sandbox with no network from the cache only,
 * build again for the same bytes, then poison one cache entry and see the build refused.
 */
class HermeticMavenBuildTest {

    @TempDir
    Path tmp;
    HttpServer localRepository;

    @BeforeEach
    void serveThisMachinesMavenRepository() throws IOException {
        Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository");
        localRepository = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        localRepository.createContext("/m2/", exchange -> {
            Path file = m2.resolve(exchange.getRequestURI().getPath().substring(4)).normalize();
            if (!file.startsWith(m2) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, Files.size(file));
                try (OutputStream out = exchange.getResponseBody()) {
                    Files.copy(file, out);
                }
            }
            exchange.close();
        });
        localRepository.start();
    }

    @AfterEach
    void stop() {
        localRepository.stop(0);
    }

    @Test
    void prefetchThenReleaseBuildFromTheCacheIsReproducibleAndRefusesAPoisonedEntry() throws Exception {
        Path cache = tmp.resolve("cache");
        Path first = checkout("first");
        var prefetch = BuildCommandTest.hermetic("prefetch", "-C", first.toString(), "--cache", cache.toString(),
                "--maven-repo", "http://127.0.0.1:" + localRepository.getAddress().getPort() + "/m2",
                "--maven-repo", "https://repo.maven.apache.org/maven2");
        assertEquals(0, prefetch.exit(), prefetch.out() + prefetch.err());
        int locked = (int) Files.readAllLines(first.resolve("hermetic.lock")).stream().filter(l -> !l.startsWith("#")).count();

        var build = release(first, cache, tmp.resolve("out1"));
        assertEquals(0, build.exit(), build.out() + build.err());
        assertTrue(build.out().contains("cache:      " + locked + " hits, 0 misses"), build.out());
        JsonNode provenance = new ObjectMapper().readTree(tmp.resolve("out1/provenance.json").toFile());
        JsonNode def = provenance.path("predicate").path("buildDefinition");
        assertEquals(locked, def.path("internalParameters").path("dependencyCache").path("hits").asInt());
        assertTrue(def.path("internalParameters").path("isolation").path("hermetic").asBoolean());
        String picocliSha = Files.readAllLines(first.resolve("hermetic.lock")).stream()
                .filter(l -> l.startsWith("info.picocli:picocli:jar:4.7.7 ")).findFirst().orElseThrow().split("sha256=")[1];
        boolean found = false;
        for (JsonNode dep : def.path("resolvedDependencies")) {
            if (dep.path("uri").asText().equals("pkg:maven/info.picocli/picocli@4.7.7?type=jar")) {
                assertEquals(picocliSha, dep.path("digest").path("sha256").asText());
                found = true;
            }
        }
        assertTrue(found, "every locked input is a resolved dependency");
        assertTrue(Files.readString(tmp.resolve("out1/sbom.cdx.json")).contains("pkg:maven/info.picocli/picocli@4.7.7\""),
                "picocli is a run-time component of the SBOM");

        var again = release(checkout("second"), cache, tmp.resolve("out2"));
        assertEquals(0, again.exit(), again.err());
        assertEquals(Files.mismatch(tmp.resolve("out1/target/greeter-1.0.0.jar"), tmp.resolve("out2/target/greeter-1.0.0.jar")), -1L,
                "two hermetic builds of the same commit must give the same jar");

        Path entry = cache.resolve("sha256").resolve(picocliSha.substring(0, 2)).resolve(picocliSha);
        entry.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 1;
        Files.write(entry, bytes);
        var poisoned = release(checkout("third"), cache, tmp.resolve("out3"));
        assertEquals(1, poisoned.exit(), poisoned.out());
        assertTrue(poisoned.err().contains("poisoned cache entry for info.picocli:picocli:jar:4.7.7"), poisoned.err());
        assertFalse(Files.exists(tmp.resolve("out3/provenance.json")));
    }

    private BuildCommandTest.Run release(Path workspace, Path cache, Path out) {
        return BuildCommandTest.hermetic("build", "-C", workspace.toString(), "--cache", cache.toString(), "--tier", "release",
                "--out", out.toString(), "--output", "target/*.jar", "--", "mvn", "-o", "-B", "-q", "package");
    }

    /** A fresh git checkout of examples/maven-app (fixed commit identity, so every checkout is the same commit). */
    private Path checkout(String name) throws Exception {
        Path example = Path.of("..", "examples", "maven-app").toRealPath();
        Path dir = tmp.resolve(name);
        try (Stream<Path> walk = Files.walk(example)) {
            for (Path p : walk.toList()) {
                Path rel = example.relativize(p);
                if (rel.startsWith("target")) {
                    continue;
                }
                Path target = dir.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        PersonIdent who = new PersonIdent("test", "test@example.com", Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("maven-app").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        return dir;
    }
}
