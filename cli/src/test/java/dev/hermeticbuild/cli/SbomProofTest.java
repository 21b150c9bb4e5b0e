package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermeticbuild.FileTrees;
import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.cache.MavenRepositoryMaterializer;
import dev.hermeticbuild.lock.ProjectLock;
import dev.hermeticbuild.source.FixedCommit;
import dev.hermeticbuild.testing.Tools;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's proof: the run-time components and edges of the SBOM a release build of
 * {@code examples/maven-app} writes are the ones {@code cyclonedx-maven-plugin} 2.9.3 reports
 * for the same project, run by Maven against the same local repository (the locked files from
 * the same cache); and those of {@code examples/npm-app} are the non-dev entries of its
 * package-lock.json and the edges npm resolves between them. Every difference is listed in
 * {@code explained} with its reason; an unexplained one fails. Needs the network (Maven Central
 * for the plugin, the npm registry) and mvn, npm: skipped on a developer machine without them,
 * failed under {@code CI=true}.
 */
class SbomProofTest {

    static final String PLUGIN = "org.cyclonedx:cyclonedx-maven-plugin:2.9.3";
    private static final Pattern PURL = Pattern.compile("pkg:(maven|npm)/(.+)@([^?#]+).*");

    @TempDir
    Path tmp;

    /**
     * Where our SBOM and the plugin's differ on purpose, outside the coordinates and edges compared:
     * the plugin writes {@code ?type=jar} in every purl, we write the canonical purl without the
     * default type (both name the same package: compared here by coordinates); the plugin adds MD5,
     * SHA-384 and SHA3 hashes, we give SHA-1, SHA-256 and SHA-512 (the ones both give must be equal);
     * the plugin puts the POM's organization in {@code publisher}, we in {@code supplier} (NTIA's
     * supplier element). On coordinates and edges there is no difference for maven-app.
     */
    static final Map<String, String> MAVEN_EXPLAINED = Map.of();

    @Test
    void mavenAppRuntimeGraphIsTheOneCycloneDxMavenPluginReports() throws Exception {
        Tools.require("mvn", onPath("mvn"), "cyclonedx-maven-plugin is run by Maven");
        Path app = checkout("maven-app");
        Path cache = tmp.resolve("cache");
        var prefetch = BuildCommandTest.hermetic("prefetch", "-C", app.toString(), "--cache", cache.toString());
        Tools.require("Maven Central", prefetch.exit() == 0, "prefetch of examples/maven-app's lock: " + prefetch.err());
        var build = BuildCommandTest.hermetic("build", "-C", app.toString(), "--cache", cache.toString(), "--tier", "release",
                "--out", tmp.resolve("out").toString(), "--output", "target/*.jar", "--", "mvn", "-o", "-B", "-q", "package");
        assertEquals(0, build.exit(), build.out() + build.err());
        JsonNode ours = read(tmp.resolve("out/sbom.cdx.json"));

        Path repository = tmp.resolve("repository");
        MavenRepositoryMaterializer.materialize(ProjectLock.read(app), ContentCache.open(cache, app), repository);
        Path pluginCopy = checkout("maven-app", "maven-app-plugin");
        Process mvn = new ProcessBuilder("mvn", "-B", "-ntp", "-Dmaven.repo.local=" + repository, PLUGIN + ":makeBom",
                "-DoutputFormat=json").directory(pluginCopy.toFile()).redirectErrorStream(true).start();
        String log = new String(mvn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(mvn.waitFor(10, TimeUnit.MINUTES), "mvn " + PLUGIN + " did not finish");
        boolean unresolvable = mvn.exitValue() != 0 && (log.contains("PluginResolutionException") || log.contains("could not be resolved")
                || log.contains("UnknownHostException"));
        Tools.require(PLUGIN + " from Maven Central", !unresolvable, "the plugin could not be resolved:\n" + tail(log));
        assertEquals(0, mvn.exitValue(), tail(log));
        JsonNode plugin = read(pluginCopy.resolve("target/bom.json"));

        assertEquals(coordinates(plugin.path("metadata").path("component")), coordinates(ours.path("metadata").path("component")));
        assertSameOrExplained("components", components(plugin), components(ours), MAVEN_EXPLAINED);
        assertSameOrExplained("edges", edges(plugin), edges(ours), MAVEN_EXPLAINED);
        assertEquals(4, components(ours).size(), "picocli, jackson-databind, -core, -annotations: " + components(ours));
        for (JsonNode c : plugin.path("components")) {
            JsonNode mine = byCoordinates(ours.path("components"), coordinates(c));
            assertEquals(c.path("scope").asText("required"), mine.path("scope").asText(), coordinates(c));
            assertEquals(spdx(c), spdx(mine), "SPDX licenses of " + coordinates(c));
            Map<String, String> theirs = hashes(c);
            Map<String, String> mineHashes = hashes(mine);
            assertTrue(mineHashes.keySet().containsAll(List.of("SHA-1", "SHA-256", "SHA-512")), coordinates(c) + ": " + mineHashes);
            mineHashes.forEach((alg, hex) -> {
                if (theirs.containsKey(alg)) {
                    assertEquals(theirs.get(alg), hex, alg + " of " + coordinates(c));
                }
            });
        }
        assertFalse(build.err().contains("Maven run-time graph is not resolved"), build.err());
    }

    /**
     * Where our SBOM of npm-app and its package-lock.json differ on purpose: none. (The lock's
     * root entry {@code ""} is the artifact, {@code metadata.component}, not a component.)
     */
    static final Map<String, String> NPM_EXPLAINED = Map.of();

    @Test
    void npmAppRuntimeGraphIsTheNonDevEntriesOfItsLockfileAndTheirEdges() throws Exception {
        Tools.require("/usr/bin/npm", Files.isExecutable(Path.of("/usr/bin/npm")), "npm-app is built with npm ci --offline");
        Path app = checkout("npm-app");
        Path cache = tmp.resolve("cache");
        var prefetch = BuildCommandTest.hermetic("prefetch", "-C", app.toString(), "--cache", cache.toString());
        Tools.require("the npm registry", prefetch.exit() == 0, "prefetch of examples/npm-app's lock: " + prefetch.err());
        var build = BuildCommandTest.hermetic("build", "-C", app.toString(), "--cache", cache.toString(), "--tier", "release",
                "--out", tmp.resolve("out").toString(), "--output", "dist/*.json", "--", "/bin/sh", "-c",
                "npm ci --offline --ignore-scripts --no-audit --no-fund && node build.js");
        assertEquals(0, build.exit(), build.out() + build.err());
        JsonNode ours = read(tmp.resolve("out/sbom.cdx.json"));

        JsonNode lock = read(app.resolve("package-lock.json"));
        assertSameOrExplained("components", LockfileOracle.components(lock), components(ours), NPM_EXPLAINED);
        assertSameOrExplained("edges", LockfileOracle.edges(lock), edges(ours), NPM_EXPLAINED);
        assertEquals(Set.of("is-number@6.0.0", "is-odd@3.0.1"), components(ours));
        assertEquals("npm-app@1.0.0", coordinates(ours.path("metadata").path("component")));
    }

    /**
     * What package-lock.json v3 says ships, read here without our code: every {@code packages}
     * entry not marked {@code dev}, and for each, the packages its {@code dependencies} and
     * {@code optionalDependencies} name, found as Node finds them (nearest {@code node_modules} up the path).
     */
    static final class LockfileOracle {

        static Set<String> components(JsonNode lock) {
            Set<String> out = new TreeSet<>();
            lock.path("packages").fields().forEachRemaining(e -> {
                if (!e.getKey().isEmpty() && !e.getValue().path("dev").asBoolean()) {
                    out.add(name(e.getKey()) + "@" + e.getValue().path("version").asText());
                }
            });
            return out;
        }

        static Set<String> edges(JsonNode lock) {
            JsonNode packages = lock.path("packages");
            Set<String> out = new TreeSet<>();
            packages.fields().forEachRemaining(e -> {
                if (e.getValue().path("dev").asBoolean()) {
                    return;
                }
                String from = e.getKey().isEmpty() ? e.getValue().path("name").asText() + "@" + e.getValue().path("version").asText()
                        : name(e.getKey()) + "@" + e.getValue().path("version").asText();
                for (String field : List.of("dependencies", "optionalDependencies")) {
                    Iterator<String> names = e.getValue().path(field).fieldNames();
                    while (names.hasNext()) {
                        String dep = names.next();
                        String at = find(packages, e.getKey(), dep);
                        if (at != null && !packages.path(at).path("dev").asBoolean()) {
                            out.add(from + " -> " + name(at) + "@" + packages.path(at).path("version").asText());
                        }
                    }
                }
            });
            return out;
        }

        private static String find(JsonNode packages, String from, String dep) {
            String dir = from;
            while (true) {
                String candidate = (dir.isEmpty() ? "" : dir + "/") + "node_modules/" + dep;
                if (packages.has(candidate)) {
                    return candidate;
                }
                if (dir.isEmpty()) {
                    return null;
                }
                int cut = dir.lastIndexOf("/node_modules/");
                dir = cut < 0 ? "" : dir.substring(0, cut);
            }
        }

        private static String name(String key) {
            return key.substring(key.lastIndexOf("node_modules/") + "node_modules/".length());
        }
    }

    private static void assertSameOrExplained(String what, Set<String> expected, Set<String> ours, Map<String, String> explained) {
        List<String> unexplained = new ArrayList<>();
        for (String e : expected) {
            if (!ours.contains(e) && !explained.containsKey(e)) {
                unexplained.add("missing from ours: " + e);
            }
        }
        for (String o : ours) {
            if (!expected.contains(o) && !explained.containsKey(o)) {
                unexplained.add("only in ours: " + o);
            }
        }
        assertEquals(List.of(), unexplained, what + " differ without an explanation; expected " + expected + ", ours " + ours);
        for (String key : explained.keySet()) {
            if (expected.contains(key) == ours.contains(key)) {
                throw new AssertionError("explained difference " + key + " is no longer a difference: drop it from the test");
            }
        }
    }

    /** {@code group:name:version} (Maven) or {@code [scope/]name@version} (npm) of a component, from its purl. */
    static String coordinates(JsonNode component) {
        Matcher m = PURL.matcher(component.path("purl").asText());
        assertTrue(m.matches(), "a Maven or npm purl: " + component);
        String path = java.net.URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
        String version = java.net.URLDecoder.decode(m.group(3), StandardCharsets.UTF_8);
        return m.group(1).equals("maven") ? path.replace('/', ':') + ":" + version : path + "@" + version;
    }

    private static Set<String> components(JsonNode bom) {
        Set<String> out = new TreeSet<>();
        bom.path("components").forEach(c -> out.add(coordinates(c)));
        return out;
    }

    /** Every edge {@code from -> to} of the {@code dependencies} graph, by coordinates. */
    private static Set<String> edges(JsonNode bom) {
        Map<String, String> byRef = new TreeMap<>();
        byRef.put(bom.path("metadata").path("component").path("bom-ref").asText(), coordinates(bom.path("metadata").path("component")));
        bom.path("components").forEach(c -> byRef.put(c.path("bom-ref").asText(), coordinates(c)));
        Set<String> out = new TreeSet<>();
        for (JsonNode d : bom.path("dependencies")) {
            for (JsonNode on : d.path("dependsOn")) {
                out.add(byRef.getOrDefault(d.path("ref").asText(), d.path("ref").asText()) + " -> "
                        + byRef.getOrDefault(on.asText(), on.asText()));
            }
        }
        return out;
    }

    private static JsonNode byCoordinates(JsonNode components, String coordinates) {
        for (JsonNode c : components) {
            if (coordinates(c).equals(coordinates)) {
                return c;
            }
        }
        throw new AssertionError(coordinates + " not among " + components);
    }

    private static Set<String> spdx(JsonNode component) {
        Set<String> out = new TreeSet<>();
        component.path("licenses").forEach(l -> {
            if (l.has("expression")) {
                out.add(l.path("expression").asText());
            } else if (l.path("license").has("id")) {
                out.add(l.path("license").path("id").asText());
            }
        });
        return out;
    }

    private static Map<String, String> hashes(JsonNode component) {
        Map<String, String> out = new TreeMap<>();
        component.path("hashes").forEach(h -> out.put(h.path("alg").asText(), h.path("content").asText()));
        return out;
    }

    private static JsonNode read(Path file) throws Exception {
        return new ObjectMapper().readTree(file.toFile());
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String tail(String log) {
        return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    }

    private Path checkout(String example) throws Exception {
        return checkout(example, example);
    }

    /** A copy of {@code examples/EXAMPLE} in {@code DIR}, committed into a fresh repository with a fixed identity. */
    private Path checkout(String example, String name) throws Exception {
        Path from = Path.of("..", "examples", example).toRealPath();
        Path dir = tmp.resolve(name);
        FileTrees.copy(from, dir, rel -> rel.startsWith("target") || rel.startsWith("node_modules") || rel.startsWith("dist"));
        FixedCommit.commitAll(dir, name, "test", "test@example.com", Instant.parse("2026-01-01T00:00:00Z"));
        return dir;
    }
}
