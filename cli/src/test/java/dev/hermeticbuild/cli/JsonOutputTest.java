package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.store.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reporting command's real {@code --json} output, success and failure, is one schema-valid
 * report whose exitCode is the process's (the commands CliContractTest only sees failing on usage).
 */
class JsonOutputTest {

    @TempDir
    Path dir;

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private static JsonNode report(int expectedExit, String... args) {
        BuildCommandTest.Run r = BuildCommandTest.hermetic(args);
        JsonNode report = JsonOutputSchema.assertReport(r);
        assertEquals(expectedExit, r.exit(), String.join(" ", args) + ": " + r.out() + r.err());
        assertFalse(r.out().strip().contains("\n{"), "exactly one JSON object on stdout: " + r.out());
        return report;
    }

    @Test
    void signingAndTheStoreReportInTheOneShape() throws Exception {
        JsonNode keygen = report(0, "keygen", "--key", p("k.pem"), "--json");
        String keyId = keygen.path("result").path("keyId").asText();
        assertTrue(keyId.matches("[0-9a-f]{64}"), keygen.toString());
        assertEquals("input-error", report(2, "keygen", "--key", p("k.pem"), "--json").path("errors").get(0).path("code").asText(),
                "a key is never overwritten");

        Path stmt = Files.writeString(dir.resolve("provenance.json"), StoreData.statement("build/app.jar",
                Digests.sha256("app.jar"), Instant.parse("2026-11-28T10:00:00Z"), Instant.parse("2026-11-28T10:04:00Z")));
        JsonNode attest = report(0, "attest", "--key", p("k.pem"), "--statement", stmt.toString(), "--json");
        String bundle = attest.path("result").path("bundle").asText();
        assertEquals(keyId, attest.path("result").path("keyId").asText());

        Path a = Files.writeString(dir.resolve("a.txt"), "a");
        Path b = Files.writeString(dir.resolve("b.txt"), "b");
        JsonNode sign = report(0, "sign", "--key", p("k.pem"), a.toString(), b.toString(), "--json");
        assertEquals(2, sign.path("result").path("bundles").size(), "two files, one report");

        JsonNode rejected = report(1, "verify", "--pub", p("k.pub"), "--bundle", p("a.txt.sigstore.json"), "--artifact", b.toString(), "--json");
        assertEquals("subject-mismatch", rejected.path("errors").get(0).path("code").asText(), rejected.toString());
        assertFalse(rejected.path("result").path("verified").asBoolean());
        JsonNode missing = report(2, "verify", "--pub", p("k.pub"), "--bundle", p("nope.json"), "--json");
        assertEquals("input-error", missing.path("errors").get(0).path("code").asText());
        assertTrue(missing.path("result").isNull());

        String store = "jdbc:sqlite:" + dir.resolve("store.db");
        JsonNode put = report(0, "store", "put", "--bundle", bundle, "--pub", p("k.pub"), "--store", store, "--json");
        assertEquals(1, put.path("result").path("seq").asInt());
        report(0, "store", "get", "1", "--store", store, "--json");
        assertEquals("not-found", report(1, "store", "get", "7", "--store", store, "--json").path("errors").get(0).path("code").asText());
        report(0, "keygen", "--key", p("store.pem"), "--json");
        JsonNode checkpoint = report(0, "store", "checkpoint", "--key", p("store.pem"), "--store", store, "--json");
        assertEquals(1, checkpoint.path("result").path("size").asInt());
        report(0, "store", "verify", "--store", store, "--store-pub", p("store.pub"), "--json");
        report(0, "trace", "sha256:" + Digests.sha256("app.jar"), "--pub", p("k.pub"), "--store", store, "--json");
        JsonNode page = report(0, "report", "--out", p("report"), "--store", store, "--json");
        assertTrue(Files.isRegularFile(Path.of(page.path("result").path("page").asText())));
    }

    @Test
    void fileCommandsReportInTheOneShape() throws IOException {
        Path jar = dir.resolve("app.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            ZipEntry e = new ZipEntry("b.txt");
            e.setTime(1_700_000_000_000L);
            zip.putNextEntry(e);
            zip.write('b');
            zip.putNextEntry(new ZipEntry("a.txt"));
            zip.write('a');
        }
        JsonNode normalized = report(0, "normalize", jar.toString(), "--json");
        assertTrue(normalized.path("result").path("files").get(0).path("changed").asBoolean(), normalized.toString());

        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("hermetic.lock"), "org.example:lib:jar:1.0 sha256=" + "ab".repeat(32) + "\n");
        JsonNode sbom = report(0, "sbom", "-C", project.toString(), "--out", p("sbom.json"), "--json");
        assertEquals(p("sbom.json"), sbom.path("result").path("sbom").asText());

        assertEquals("input-error", report(2, "lock", "-C", dir.toString(), "--json").path("errors").get(0).path("code").asText(),
                "no pom.xml");
        Path pod = Files.writeString(dir.resolve("pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
                + "  containers: [{name: c, image: busybox, securityContext: {privileged: true}}]\n");
        JsonNode lint = report(1, "pod-lint", pod.toString(), "--json");
        assertEquals("pod-lint-finding", lint.path("errors").get(0).path("code").asText());
        assertEquals(lint.path("result").path("findings").size(), lint.path("errors").size(), "one error per finding");
    }

    @Test
    void aFailingBuildReportsBuildFailed() {
        Path workspace = dir.resolve("workspace");
        Path ws = dir.resolve("out");
        assertTrue(workspace.toFile().mkdir());
        JsonNode failed = report(4, "build", "-C", workspace.toString(), "--out", ws.toString(), "--output", "x", "--json", "--",
                "/bin/sh", "-c", "exit 9");
        assertEquals("build-failed", failed.path("errors").get(0).path("code").asText(), failed.toString());
        assertTrue(failed.path("errors").get(0).path("message").asText().contains("exit code 9"));
        assertEquals(9, failed.path("result").path("exitCode").asInt(), "the build command's own exit code, in the result");
        dev.hermeticbuild.FileTrees.deleteQuietly(ws.resolveSibling(ws.getFileName() + ".failed"));
    }

    @Test
    void checkReproducibleReportsTheStatementAndEachDifference() throws IOException {
        Path workspace = Files.createDirectories(dir.resolve("repro"));
        JsonNode same = report(0, "check-reproducible", "-C", workspace.toString(), "--out", p("same"), "--output", "dist/*",
                "--vary", "hostname", "--json", "--", "/bin/sh", "-c", "mkdir -p dist && echo same > dist/a.txt");
        assertEquals("https://in-toto.io/Statement/v1", same.path("result").path("_type").asText(), same.toString());

        JsonNode differs = report(1, "check-reproducible", "-C", workspace.toString(), "--out", p("differs"), "--output", "dist/*",
                "--vary", "hostname", "--json", "--", "/bin/sh", "-c", "mkdir -p dist && hostname > dist/a.txt");
        assertEquals("not-reproducible", differs.path("errors").get(0).path("code").asText(), differs.toString());
        assertTrue(differs.path("errors").get(0).path("message").asText().startsWith("dist/a.txt differs"), differs.toString());
    }

    @Test
    void aRefusedReleaseBuildGivesOneErrorPerRefusal() throws IOException {
        Path workspace = Files.createDirectories(dir.resolve("not-a-repo"));
        JsonNode refused = report(1, "build", "-C", workspace.toString(), "--out", p("release-out"), "--output", "x",
                "--tier", "release", "--json", "--", "true");
        assertEquals("not-in-git", refused.path("errors").get(0).path("code").asText(), refused.toString());
    }
}
