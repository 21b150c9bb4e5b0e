package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermeticbuild.store.Digests;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** store put/query/verify, trace, metrics and report through the command line, in-process, on SQLite. */
class StoreCommandsTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HermeticCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        Run r = new Run(exit, out.toString(), err.toString());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "stack trace printed: " + r.err());
        return r;
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private String store() {
        return "jdbc:sqlite:" + dir.resolve("store.db");
    }

    /** A signed provenance bundle for artifact {@code name}, by key {@code key}.pem (made if missing). */
    private String bundle(String name, String key) throws Exception {
        if (!Files.exists(dir.resolve(key + ".pem"))) {
            assertEquals(0, run("keygen", "--key", p(key + ".pem")).exit());
        }
        Path stmt = Files.writeString(dir.resolve(name + ".provenance.json"), StoreData.statement("build/" + name,
                Digests.sha256(name), Instant.parse("2026-11-28T10:00:00Z"), Instant.parse("2026-11-28T10:04:00Z")));
        Run attest = run("attest", "--key", p(key + ".pem"), "--statement", stmt.toString(), "--out", p(name + ".sigstore.json"));
        assertEquals(0, attest.exit(), attest.err());
        return p(name + ".sigstore.json");
    }

    @Test
    void putQueryVerifyAndTraceAnArtifact() throws Exception {
        String good = bundle("app.jar", "release");
        Path sbom = Files.writeString(dir.resolve("sbom.cdx.json"), StoreData.sbom());
        Run put = run("store", "put", "--bundle", good, "--sbom", sbom.toString(), "--build-id", "ci-42",
                "--pub", p("release.pub"), "--store", store());
        assertEquals(0, put.exit(), put.err());
        assertTrue(put.out().startsWith("recorded #1 in " + store() + " (verified, key "), put.out());

        Run again = run("store", "put", "--bundle", good, "--sbom", sbom.toString(), "--build-id", "ci-42",
                "--pub", p("release.pub"), "--store", store());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().startsWith("already recorded as #1 in "), again.out());

        String digest = "sha256:" + Digests.sha256("app.jar");
        Run unchecked = run("store", "query", "--digest", digest, "--store", store(), "--json");
        assertEquals(0, unchecked.exit(), unchecked.err());
        JsonNode claim = JsonOutputSchema.result(unchecked.exit(), unchecked.out(), unchecked.err()).get("records").get(0).get("signature");
        assertEquals("not-checked", claim.get("status").asText(), "no --pub: never shown as verified");
        assertEquals("verified", claim.get("claimedAtPut").get("status").asText());
        Run query = run("store", "query", "--digest", digest, "--store", store(), "--json", "--pub", p("release.pub"));
        assertEquals(0, query.exit(), query.err());
        JsonNode rec = JsonOutputSchema.result(query.exit(), query.out(), query.err()).get("records").get(0);
        assertEquals(1, rec.get("seq").asInt());
        assertEquals("ci-42", rec.get("buildId").asText());
        assertEquals(StoreData.COMMIT, rec.get("sourceCommit").asText());
        assertEquals("verified", rec.get("signature").get("status").asText());
        assertEquals("not-checked", rec.get("position").get("status").asText());
        assertEquals(2, rec.get("sbom").get("components").asInt());
        assertEquals(0.5, rec.get("sbom").get("completeness").asDouble());
        assertEquals(0, run("store", "query", "--commit", StoreData.COMMIT, "--store", store()).exit());
        Run byBuild = run("store", "query", "--build-id", "ci-42", "--store", store(), "--pub", p("release.pub"));
        assertEquals(0, byBuild.exit());
        assertTrue(byBuild.out().contains("signature verified now: signed by key "), byBuild.out());
        Run byBuildUnchecked = run("store", "query", "--build-id", "ci-42", "--store", store());
        assertTrue(byBuildUnchecked.out().contains("signature NOT CHECKED: no trusted key given (--pub) (recorded at put as"
                + " verified, not believed)"), byBuildUnchecked.out());

        Run get = run("store", "get", "1", "--bundle-out", p("again.sigstore.json"), "--store", store());
        assertEquals(0, get.exit(), get.err());
        assertEquals(Files.readString(Path.of(good)), Files.readString(dir.resolve("again.sigstore.json")));
        Run noArtifact = run("verify", "--pub", p("release.pub"), "--bundle", p("again.sigstore.json"));
        assertEquals(2, noArtifact.exit(), "verifying a provenance without its artifact is a loosening that must be asked for");
        assertTrue(noArtifact.err().contains("--allow-no-artifact"), noArtifact.err());
        assertEquals(0, run("verify", "--pub", p("release.pub"), "--bundle", p("again.sigstore.json"), "--allow-no-artifact").exit());
        assertEquals(1, run("store", "get", "9", "--store", store()).exit());

        Run unknown = run("store", "query", "--digest", "sha256:" + Digests.sha256("never built"), "--store", store());
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("no record of artifact sha256:"), unknown.err());
        assertEquals(2, run("store", "query", "--digest", "sha256:xyz", "--store", store()).exit());

        Run traceNoKey = run("trace", digest, "--store", store());
        assertEquals(1, traceNoKey.exit(), "without --pub nothing is trustworthy");
        assertTrue(traceNoKey.out().contains("record 1: signature not checked: no trusted key given (--pub)"), traceNoKey.out());
        Run trace = run("trace", digest, "--store", store(), "--pub", p("release.pub"));
        assertEquals(0, trace.exit(), trace.out() + trace.err());
        assertTrue(trace.out().contains("source   git+https://git.example.com/app.git @ " + StoreData.COMMIT), trace.out());
        assertTrue(trace.out().contains("image oci://registry.example.com/agent@sha256:"), trace.out());
        assertTrue(trace.out().contains("reproducible: unknown (no rebuild recorded)"), trace.out());
        assertTrue(trace.out().contains("pkg:maven/info.picocli/picocli@4.7.7"), trace.out());
        assertTrue(trace.out().contains("verdict: trustworthy (signatures verified; store position not checked"), trace.out());

        String keyId = put.out().replaceAll("(?s).*key ([0-9a-f]{64}).*", "$1");
        Path revoked = Files.writeString(dir.resolve("revoked.txt"), keyId + " # laptop stolen\n");
        Run revokedTrace = run("trace", digest, "--store", store(), "--pub", p("release.pub"), "--revoked", revoked.toString());
        assertEquals(1, revokedTrace.exit());
        assertTrue(revokedTrace.out().contains("(REVOKED: laptop stolen)"), revokedTrace.out());
        assertTrue(revokedTrace.out().contains("verdict: NOT trustworthy"), revokedTrace.out());

        Run unknownTrace = run("trace", "sha256:" + Digests.sha256("never built"), "--store", store());
        assertEquals(1, unknownTrace.exit());
        assertTrue(unknownTrace.err().contains("no record of sha256:"), unknownTrace.err());

        Run verify = run("store", "verify", "--store", store());
        assertEquals(0, verify.exit(), verify.err());
        assertTrue(verify.out().contains("1 record, chain intact; head #1"), verify.out());
        String head = verify.out().replaceAll("(?s).*\nhead: ([0-9]+:[0-9a-f]{64})\n.*", "$1");
        assertEquals(0, run("store", "verify", "--store", store(), "--expect-head", head).exit());
        Run wrongHead = run("store", "verify", "--store", store(), "--expect-head", "2:" + "0".repeat(64));
        assertEquals(1, wrongHead.exit());
        assertTrue(wrongHead.err().contains("record 2: missing: the log ends at record 1"), wrongHead.err());
        assertEquals(2, run("store", "verify", "--store", store(), "--expect-head", "head").exit());
    }

    @Test
    void unverifiedBundlesAreRefusedUnlessAllowedAndThenRecordedAsSuch() throws Exception {
        bundle("trusted.jar", "release");
        String foreign = bundle("foreign.jar", "stranger");
        Run refused = run("store", "put", "--bundle", foreign, "--pub", p("release.pub"), "--store", store());
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("unknown key "), refused.err());
        Run noKey = run("store", "put", "--bundle", foreign, "--store", store());
        assertEquals(2, noKey.exit());
        assertTrue(noKey.err().contains("--allow-unverified"), noKey.err());
        assertEquals(1, run("store", "query", "--digest", Digests.sha256("foreign.jar"), "--store", store()).exit(),
                "a refused bundle was recorded");

        Run allowed = run("store", "put", "--bundle", foreign, "--pub", p("release.pub"), "--allow-unverified",
                "--store", store());
        assertEquals(0, allowed.exit(), allowed.err());
        assertTrue(allowed.out().contains("(failed, key "), allowed.out());
        assertTrue(allowed.out().contains("unverified: unknown key "), allowed.out());
        Run trace = run("trace", Digests.sha256("foreign.jar"), "--store", store(), "--json", "--pub", p("release.pub"));
        assertEquals(1, trace.exit());
        JsonNode json = JsonOutputSchema.result(trace.exit(), trace.out(), trace.err());
        assertFalse(json.get("trustworthy").asBoolean());
        assertEquals("failed", json.get("builds").get(0).get("signature").get("status").asText());
        assertEquals("failed", json.get("builds").get(0).get("signature").get("claimedAtPut").get("status").asText());
        assertTrue(json.get("problems").get(0).asText().startsWith("record 1: signature does not verify now: unknown key"),
                json.get("problems").toString());
        // The same record verifies now against a keyring that holds the stranger's key: what it said at put is not what counts.
        Run trusted = run("trace", Digests.sha256("foreign.jar"), "--store", store(), "--pub", p("stranger.pub"));
        assertEquals(0, trusted.exit(), trusted.out());
    }

    @Test
    void attestStoreRecordsAutomaticallyAndStoreVerifyNamesATamperedRow() throws Exception {
        assertEquals(0, run("keygen", "--key", p("k.pem")).exit());
        for (String name : new String[] {"a.jar", "b.jar", "c.jar"}) {
            Path stmt = Files.writeString(dir.resolve(name + ".json"), StoreData.statement("build/" + name,
                    Digests.sha256(name), Instant.parse("2026-11-28T10:00:00Z"), Instant.parse("2026-11-28T10:01:00Z")));
            Run attest = run("attest", "--key", p("k.pem"), "--statement", stmt.toString(), "--store", store());
            assertEquals(0, attest.exit(), attest.err());
            assertTrue(attest.err().contains("(verified)"), attest.err());
        }
        assertEquals(0, run("store", "verify", "--store", store()).exit());
        try (Connection c = DriverManager.getConnection(store()); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER records_no_update");
            s.execute("UPDATE records SET content = REPLACE(content, 'release', 'dev') WHERE seq = 2");
        }
        Run verify = run("store", "verify", "--store", store());
        assertEquals(1, verify.exit());
        assertTrue(verify.err().contains("record 2: content or position changed"), verify.err());
        Run json = run("store", "verify", "--store", store(), "--json");
        assertEquals(2, JsonOutputSchema.result(json.exit(), json.out(), json.err()).get("problems").get(0).get("seq").asInt());
    }

    /** verify --store: every deploy-time check is a record, passed or refused with its codes; trace and metrics show them. */
    @Test
    void everyDeployTimeCheckIsRecordedTracedAndCounted() throws Exception {
        Path artifact = Files.writeString(dir.resolve("deploy.jar"), "the bytes that are about to run");
        String sha = Digests.sha256("the bytes that are about to run");
        assertEquals(0, run("keygen", "--key", p("release.pem")).exit());
        assertEquals(0, run("keygen", "--key", p("stranger.pem")).exit());
        Path stmt = Files.writeString(dir.resolve("deploy.json"), StoreData.statement("build/deploy.jar", sha,
                Instant.parse("2026-11-28T10:00:00Z"), Instant.parse("2026-11-28T10:04:00Z")));
        assertEquals(0, run("attest", "--key", p("release.pem"), "--statement", stmt.toString(), "--out", p("deploy.sigstore.json"),
                "--store", store()).exit());

        Run passed = run("verify", "--pub", p("release.pub"), "--bundle", p("deploy.sigstore.json"), "--artifact", artifact.toString(),
                "--store", store());
        assertEquals(0, passed.exit(), passed.err());
        assertTrue(passed.err().contains("recorded #2 in " + store() + " (verification passed)"), passed.err());
        Run again = run("verify", "--pub", p("release.pub"), "--bundle", p("deploy.sigstore.json"), "--artifact", artifact.toString(),
                "--store", store());
        assertTrue(again.err().contains("recorded #3 in "), "a repeated check is another attempt, not a duplicate: " + again.err());
        Run refused = run("verify", "--pub", p("stranger.pub"), "--bundle", p("deploy.sigstore.json"), "--artifact", artifact.toString(),
                "--store", store());
        assertEquals(1, refused.exit(), refused.err());
        assertTrue(refused.err().contains("recorded #4 in " + store() + " (verification refused)"), refused.err());

        Run noArtifact = run("verify", "--pub", p("release.pub"), "--bundle", p("deploy.sigstore.json"), "--allow-no-artifact",
                "--store", store());
        assertEquals(2, noArtifact.exit());
        assertTrue(noArtifact.err().contains("--store records the check of an artifact: give --artifact FILE"), noArtifact.err());

        Run trace = run("trace", sha, "--store", store(), "--pub", p("release.pub"));
        assertEquals(0, trace.exit(), trace.out() + trace.err());
        assertTrue(trace.out().contains("checked where it was to run: 3 times:"), trace.out());
        assertTrue(trace.out().contains(": REFUSED: unknown-key"), trace.out());
        Run traceJson = run("trace", sha, "--store", store(), "--pub", p("release.pub"), "--json");
        JsonNode checks = JsonOutputSchema.result(traceJson.exit(), traceJson.out(), traceJson.err()).get("deployChecks");
        assertEquals(3, checks.size(), checks.toString());
        assertFalse(checks.get(2).get("verification").get("passed").asBoolean());
        assertEquals("unknown-key", checks.get(2).get("verification").get("reasons").get(0).asText());

        Run metrics = run("metrics", "--window", "1h", "--store", store());
        assertEquals(0, metrics.exit(), metrics.err());
        assertTrue(metrics.out().contains("hermetic_deploy_verifications{window=\"1h\",result=\"passed\"} 2\n"), metrics.out());
        assertTrue(metrics.out().contains("hermetic_deploy_verifications{window=\"1h\",result=\"refused\"} 1\n"), metrics.out());
        assertTrue(metrics.out().contains("hermetic_deploy_refusals{window=\"1h\",reason=\"unknown-key\"} 1\n"), metrics.out());
        assertTrue(metrics.out().contains("hermetic_builds{window=\"1h\"} 1\n"), "three checks, one build: " + metrics.out());
        assertEquals(0, run("store", "verify", "--store", store()).exit());
    }

    @Test
    void aFileThatIsNotAStoreIsRefused() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.db"), "not a database at all, just text\n".repeat(100));
        Run r = run("store", "verify", "--store", "jdbc:sqlite:" + notes);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("is not a SQLite database"), r.err());
    }

    private static final Pattern SAMPLE = Pattern.compile("[a-z_]+\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*\\} -?[0-9.e+-]+");

    @Test
    void metricsArePrometheusTextComputedFromTheStore() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StoreData.populate(store(), now, dir.resolve("signer.pub"));
        Run unchecked = run("metrics", "--window", "30d", "--store", store());
        assertTrue(unchecked.out().contains("hermetic_builds_by_signature{window=\"30d\",status=\"verified\"} 0\n"), unchecked.out());
        assertTrue(unchecked.out().contains("hermetic_provenance_coverage_ratio{window=\"30d\"} 0\n"), unchecked.out());
        Run m = run("metrics", "--window", "30d", "--store", store(), "--pub", p("signer.pub"));
        assertEquals(0, m.exit(), m.err());
        for (String line : m.out().split("\n")) {
            assertTrue(line.startsWith("# ") || SAMPLE.matcher(line).matches(), "not Prometheus text: " + line);
        }
        // 42 builds: 7 failed (i=2 on even days), 5 unsigned (i=1 on days 0,3,6,9,12), 30 verified.
        assertTrue(m.out().contains("hermetic_builds{window=\"30d\"} 42\n"), m.out());
        assertTrue(m.out().contains("hermetic_builds_by_signature{window=\"30d\",status=\"failed\"} 7\n"), m.out());
        assertTrue(m.out().contains("hermetic_provenance_coverage_ratio{window=\"30d\"} 0.714286\n"), m.out());
        assertTrue(m.out().contains("hermetic_verification_pass_ratio{window=\"30d\"} 0.810811\n"), m.out());
        assertTrue(m.out().contains("hermetic_sbom_completeness_ratio{window=\"30d\"} 0.5\n"), m.out());
        assertTrue(m.out().contains("hermetic_reproducible_build_ratio{window=\"30d\"} 0.5\n"), m.out());
        assertTrue(m.out().contains("hermetic_cache_hit_ratio{window=\"30d\"} 0.9\n"), m.out());
        assertTrue(m.out().contains("# hermetic_build_flakiness_ratio not reported: no artifact rebuilt twice"), m.out());
        assertTrue(m.out().contains("hermetic_build_lead_time_seconds_count{window=\"30d\"} 42\n"), m.out());
        assertTrue(m.out().contains("hermetic_build_lead_time_seconds{window=\"30d\",quantile=\"0.5\"} "), m.out());

        Run narrow = run("metrics", "--window", "1h", "--store", store());
        assertTrue(narrow.out().contains("hermetic_builds{window=\"1h\"} 0\n"), narrow.out());
        assertTrue(narrow.out().contains("# hermetic_provenance_coverage_ratio not reported: no builds"), narrow.out());
        assertEquals(2, run("metrics", "--window", "soon", "--store", store()).exit());
    }

    @Test
    void reportIsOneSelfContainedPage() throws Exception {
        StoreData.populate(store(), Instant.now(), dir.resolve("signer.pub"));
        Run unchecked = run("report", "--out", p("unchecked"), "--store", store());
        assertEquals(0, unchecked.exit(), unchecked.err());
        String plain = Files.readString(dir.resolve("unchecked/index.html"));
        assertTrue(plain.contains("Signatures NOT checked: no trusted keys given"), "the page must say nothing was verified");
        assertTrue(plain.contains("id=\"tile-coverage\"><div class=\"label\">Provenance coverage</div><div class=\"value\">0.0%"),
                "no record counts as verified without keys");
        Run r = run("report", "--out", p("site"), "--store", store(), "--pub", p("signer.pub"));
        assertEquals(0, r.exit(), r.err());
        String html = Files.readString(dir.resolve("site/index.html"));
        assertTrue(html.contains("Signatures checked now against the trusted keys."));
        assertTrue(html.contains("id=\"tile-coverage\""));
        assertTrue(html.contains("<svg id=\"chart-builds\""));
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*\"(https?:)?//", Pattern.CASE_INSENSITIVE).matcher(html).find(),
                "the page references something on the network");
        assertFalse(html.contains("<script"), "the page needs no script");
        assertFalse(html.contains("@import") || html.contains("url("), "the page loads no stylesheet or font");
    }
}
