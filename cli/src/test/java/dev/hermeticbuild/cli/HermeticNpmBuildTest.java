package dev.hermeticbuild.cli;

import dev.hermeticbuild.testing.Tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import dev.hermeticbuild.testing.FileServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An npm project built hermetically: two real packages made with {@code npm pack} and served by
 * a registry of the test's own on 127.0.0.1; prefetch, then {@code npm ci --offline} at the
 * release tier in the sandbox from the cache only; a poisoned tarball is refused.
 */
class HermeticNpmBuildTest {

    @TempDir
    Path tmp;
    FileServer registry;

    @BeforeEach
    void startRegistry() {
        registry = FileServer.start();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void prefetchThenOfflineReleaseBuildAndAPoisonedTarballIsRefused() throws Exception {
        Tools.require("/usr/bin/npm", Files.isExecutable(Path.of("/usr/bin/npm")), "the npm build lays out an npm cache");
        String sriA = pack("hbt-leaf", "1.0.0", "module.exports = (n) => n * 2;\n", "");
        String sriB = pack("hbt-double", "1.0.0", "const leaf = require('hbt-leaf');\nmodule.exports = (n) => leaf(n) + 1;\n",
                ",\"dependencies\":{\"hbt-leaf\":\"1.0.0\"}");
        Path app = tmp.resolve("app");
        Files.createDirectories(app);
        Files.writeString(app.resolve("package.json"), "{\"name\":\"app\",\"version\":\"1.0.0\",\"private\":true,"
                + "\"dependencies\":{\"hbt-double\":\"1.0.0\"}}");
        Files.writeString(app.resolve("package-lock.json"), """
                {"name":"app","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{
                  "":{"name":"app","version":"1.0.0","dependencies":{"hbt-double":"1.0.0"}},
                  "node_modules/hbt-double":{"version":"1.0.0","resolved":"https://registry.npmjs.org/hbt-double/-/hbt-double-1.0.0.tgz",
                    "integrity":"%s","dependencies":{"hbt-leaf":"1.0.0"}},
                  "node_modules/hbt-leaf":{"version":"1.0.0","resolved":"https://registry.npmjs.org/hbt-leaf/-/hbt-leaf-1.0.0.tgz",
                    "integrity":"%s"}}}
                """.formatted(sriB, sriA));
        Files.writeString(app.resolve("build.js"), "require('fs').mkdirSync('dist');\n"
                + "require('fs').writeFileSync('dist/out.txt', String(require('hbt-double')(20)) + '\\n');\n");
        Files.writeString(app.resolve(".gitignore"), "node_modules/\ndist/\n");
        commit(app);

        Path cache = tmp.resolve("cache");
        var prefetch = BuildCommandTest.hermetic("prefetch", "-C", app.toString(), "--cache", cache.toString(),
                "--npm-registry", registry.url());
        assertEquals(0, prefetch.exit(), prefetch.out() + prefetch.err());
        assertTrue(prefetch.out().contains("2 fetched"), prefetch.out());
        assertTrue(prefetch.err().contains("prefetch: 2 npm inputs from " + registry.url() + " into "),
                prefetch.err());

        var build = release(app, cache, tmp.resolve("out"));
        assertEquals(0, build.exit(), build.out() + build.err());
        assertEquals("41\n", Files.readString(tmp.resolve("out/dist/out.txt")));
        assertTrue(build.out().contains("cache:      2 hits, 0 misses"), build.out());

        byte[] leafSha512 = Base64.getDecoder().decode(sriA.substring("sha512-".length()));
        String hex = java.util.HexFormat.of().formatHex(leafSha512);
        Path entry = cache.resolve("sha512").resolve(hex.substring(0, 2)).resolve(hex);
        entry.toFile().setWritable(true);
        Files.write(entry, registry.get("/hbt-double/-/hbt-double-1.0.0.tgz").orElseThrow());
        assertTrue(!Files.exists(app.resolve("dist")) || deleteTree(app.resolve("dist")), "a clean tree for the next release build");
        deleteTree(app.resolve("node_modules"));
        var poisoned = release(app, cache, tmp.resolve("out2"));
        assertEquals(1, poisoned.exit(), poisoned.out());
        assertTrue(poisoned.err().contains("poisoned cache entry for hbt-leaf@1.0.0"), poisoned.err());
    }

    /**
     * A project with both a Maven lock and an npm lock: the build's HOME holds the npm cache (a
     * host directory) and the Maven repository (links into the dependency view) at once, both
     * from the cache, offline.
     */
    @Test
    void mavenAndNpmInputsReachOneOfflineBuildTogether() throws Exception {
        Tools.require("/usr/bin/npm", Files.isExecutable(Path.of("/usr/bin/npm")), "the npm build lays out an npm cache");
        String sri = pack("hbt-leaf", "1.0.0", "module.exports = (n) => n * 2;\n", "");
        byte[] jar = "the bytes of a locked Maven jar\n".getBytes(StandardCharsets.UTF_8);
        registry.put("/m2/org/example/lib/1.0/lib-1.0.jar", jar);
        Path app = tmp.resolve("both");
        Files.createDirectories(app);
        Files.writeString(app.resolve("hermetic.lock"), "# hermetic.lock v1\norg.example:lib:jar:1.0 sha256="
                + java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar)) + "\n");
        Files.writeString(app.resolve("package.json"), "{\"name\":\"app\",\"version\":\"1.0.0\",\"private\":true,"
                + "\"dependencies\":{\"hbt-leaf\":\"1.0.0\"}}");
        Files.writeString(app.resolve("package-lock.json"), """
                {"name":"app","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{
                  "":{"name":"app","version":"1.0.0","dependencies":{"hbt-leaf":"1.0.0"}},
                  "node_modules/hbt-leaf":{"version":"1.0.0","resolved":"https://registry.npmjs.org/hbt-leaf/-/hbt-leaf-1.0.0.tgz",
                    "integrity":"%s"}}}
                """.formatted(sri));
        Files.writeString(app.resolve("build.js"), "require('fs').mkdirSync('dist', {recursive: true});\n"
                + "require('fs').writeFileSync('dist/out.txt', String(require('hbt-leaf')(21)) + '\\n');\n");
        Files.writeString(app.resolve(".gitignore"), "node_modules/\ndist/\n");
        commit(app);

        Path cache = tmp.resolve("cache");
        var prefetch = BuildCommandTest.hermetic("prefetch", "-C", app.toString(), "--cache", cache.toString(),
                "--npm-registry", registry.url(), "--maven-repo", registry.url() + "/m2");
        assertEquals(0, prefetch.exit(), prefetch.out() + prefetch.err());
        var build = BuildCommandTest.hermetic("build", "-C", app.toString(), "--cache", cache.toString(), "--tier", "release",
                "--out", tmp.resolve("out").toString(), "--output", "dist/*.txt", "--", "/bin/sh", "-c",
                "npm ci --offline --ignore-scripts --no-audit --no-fund && node build.js"
                        + " && cat \"$HOME/.m2/repository/org/example/lib/1.0/lib-1.0.jar\" > dist/jar.txt");
        assertEquals(0, build.exit(), build.out() + build.err());
        assertEquals("42\n", Files.readString(tmp.resolve("out/dist/out.txt")));
        assertEquals("the bytes of a locked Maven jar\n", Files.readString(tmp.resolve("out/dist/jar.txt")));
        assertTrue(build.out().contains("cache:      2 hits, 0 misses"), build.out());
    }

    private static boolean deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return true;
    }

    private BuildCommandTest.Run release(Path app, Path cache, Path out) {
        return BuildCommandTest.hermetic("build", "-C", app.toString(), "--cache", cache.toString(), "--tier", "release",
                "--out", out.toString(), "--output", "dist/out.txt", "--", "/bin/sh", "-c",
                "npm ci --offline --ignore-scripts --no-audit --no-fund && node build.js");
    }

    /** Makes a real npm tarball with npm pack, serves it, and returns its sha512 integrity. */
    private String pack(String name, String version, String index, String extraJson) throws Exception {
        Path dir = tmp.resolve("src-" + name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("package.json"), "{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"main\":\"index.js\",\"license\":\"MIT\"" + extraJson + "}");
        Files.writeString(dir.resolve("index.js"), index);
        Process p = new ProcessBuilder("npm", "pack", "--silent", "--pack-destination", tmp.toString(), "--cache", tmp.resolve("npm-cache").toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        byte[] tgz = Files.readAllBytes(tmp.resolve(name + "-" + version + ".tgz"));
        registry.put("/" + name + "/-/" + name + "-" + version + ".tgz", tgz);
        return "sha512-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(tgz));
    }

    private static void commit(Path dir) throws Exception {
        PersonIdent who = new PersonIdent("test", "test@example.com", Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("app").setAuthor(who).setCommitter(who).setSign(false).call();
        }
    }
}
