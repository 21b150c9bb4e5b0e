package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.sandbox.SandboxChooser;
import dev.hermeticbuild.testing.Tools;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runbooks in docs/how-to/runbook-*.md, step by step with the commands they give: real
 * sandboxed release builds of a real git repository, real keys, a real SQLite store, a real
 * cache filled from a registry of the test's own on 127.0.0.1. Assertions are on exit codes and
 * human output (JSON only where a runbook pipes it, read shape-independently).
 */
class RunbookTest {

    static final String TRUSTED_BUILDER = "https://ci.example.com/hermetic";

    @TempDir
    Path dir;

    @BeforeEach
    void namespaceSandbox() {
        Tools.require("bubblewrap or util-linux unshare", SandboxChooser.bubblewrap().isPresent() || SandboxChooser.unshare().isPresent(),
                "the runbooks' release builds run in the namespace sandbox");
    }

    private Run hermetic(String... args) {
        BuildCommandTest.Run r = BuildCommandTest.hermetic(args);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "stack trace printed: " + r.err());
        return new Run(r.exit(), r.out(), r.err());
    }

    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Run ok(String... args) {
        Run r = hermetic(args);
        assertEquals(0, r.exit(), String.join(" ", args) + "\n" + r.all());
        return r;
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private String store() {
        return "jdbc:sqlite:" + dir.resolve("store.db");
    }

    /** A key pair under keys/; returns its key id as keygen prints it. */
    private String keygen(String name) throws Exception {
        Files.createDirectories(dir.resolve("keys"));
        Run r = ok("keygen", "--key", p("keys/" + name + ".pem"), "--pub", p("keys/" + name + ".pub"));
        return r.out().replaceAll("(?s).*key id ([0-9a-f]{64}).*", "$1");
    }

    /** A git repository whose build writes {@code dist/app.txt} from a versioned file. */
    private Path repository() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("app"));
        Files.writeString(repo.resolve("build.sh"), "#!/bin/sh\nmkdir -p dist && cat version.txt > dist/app.txt\n");
        repo.resolve("build.sh").toFile().setExecutable(true);
        Files.writeString(repo.resolve(".gitignore"), "dist/\n");
        return repo;
    }

    private static String commit(Path repo, String version) throws Exception {
        Files.writeString(repo.resolve("version.txt"), "app " + version + "\n");
        PersonIdent who = new PersonIdent("test", "test@example.com", Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
        try (Git git = Files.isDirectory(repo.resolve(".git")) ? Git.open(repo.toFile())
                : Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            RevCommit c = git.commit().setMessage(version).setAuthor(who).setCommitter(who).setSign(false).call();
            return c.getName();
        }
    }

    /** The runbooks' release build: signed, recorded in the store. */
    private Path releaseBuild(Path repo, String out, String key, String builderId) {
        ok("build", "-C", repo.toString(), "--tier", "release", "--output", "dist/app.txt", "--out", p(out),
                "--builder-id", builderId, "--sign-key", p("keys/" + key + ".pem"), "--store", store(), "--", "./build.sh");
        return dir.resolve(out);
    }

    private static String sha256(Path file) {
        return Sha256.ofFile(file);
    }

    /** Every value of {@code field} anywhere in a JSON document, so a result nested under another key is still found. */
    private static List<String> values(String json, String field) throws Exception {
        List<String> found = new ArrayList<>();
        new ObjectMapper().readTree(json).findValues(field).forEach(v -> found.add(v.asText()));
        return found;
    }

    /**
     * What the key-compromise runbook's jq filter does: every record anywhere in the answer whose
     * signature has that key id, and the digests of its subjects.
     */
    private static Set<String> subjectsSignedBy(JsonNode node, String keyId) {
        Set<String> digests = new TreeSet<>();
        if (node.isObject() && keyId.equals(node.path("signature").path("keyId").asText())) {
            node.path("subjects").forEach(s -> digests.add(s.path("digest").asText()));
        }
        node.forEach(child -> digests.addAll(subjectsSignedBy(child, keyId)));
        return digests;
    }

    @Test
    void aFailingVerification() throws Exception {
        keygen("release");
        Path repo = repository();
        commit(repo, "1.0");
        Path out = releaseBuild(repo, "out", "release", TRUSTED_BUILDER);
        Path shipped = dir.resolve("shipped-app.txt");
        Files.writeString(shipped, "app 1.0 with a patch nobody built\n");

        Run failed = hermetic("verify", "--pub", p("keys/release.pub"), "--bundle", out.resolve("provenance.sigstore.json").toString(),
                "--artifact", shipped.toString(), "--builder-id", TRUSTED_BUILDER, "--require-hermetic");
        assertEquals(1, failed.exit(), failed.all());
        assertTrue(failed.err().contains("subject digest mismatch"), failed.err());
        assertTrue(failed.err().contains("artifact sha256 " + sha256(shipped)), failed.err());

        Run unknown = hermetic("trace", "sha256:" + sha256(shipped), "--store", store(), "--pub", p("keys/release.pub"));
        assertEquals(1, unknown.exit(), unknown.all());
        assertTrue(unknown.err().contains("no record of sha256:" + sha256(shipped)), unknown.err());

        String built = sha256(out.resolve("dist/app.txt"));
        Run trace = ok("trace", "sha256:" + built, "--store", store(), "--pub", p("keys/release.pub"));
        assertTrue(trace.out().contains("verdict: trustworthy"), trace.out());

        ok("rebuild", "--provenance", out.resolve("provenance.sigstore.json").toString(), "--pub", p("keys/release.pub"),
                "-C", repo.toString(), "--out", p("rebuild"));
        assertEquals(0, hermetic("verify", "--pub", p("keys/release.pub"), "--bundle", out.resolve("provenance.sigstore.json").toString(),
                "--artifact", out.resolve("dist/app.txt").toString(), "--builder-id", TRUSTED_BUILDER, "--require-hermetic").exit());
    }

    @Test
    void cacheCorruption() throws Exception {
        byte[] jar = "the real jar bytes".getBytes(StandardCharsets.UTF_8);
        String sha = Sha256.ofBytes(jar);
        HttpServer registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        registry.createContext("/", exchange -> {
            boolean known = exchange.getRequestURI().getPath().equals("/org/example/lib/1.0/lib-1.0.jar");
            exchange.sendResponseHeaders(known ? 200 : 404, known ? jar.length : -1);
            try (OutputStream body = exchange.getResponseBody()) {
                if (known) {
                    body.write(jar);
                }
            }
        });
        registry.start();
        try {
            Path app = Files.createDirectories(dir.resolve("app"));
            Files.writeString(app.resolve("hermetic.lock"), "org.example:lib:jar:1.0 sha256=" + sha + "\n");
            String cache = p("cache");
            String repo = "http://127.0.0.1:" + registry.getAddress().getPort() + "/";
            String[] build = {"build", "-C", app.toString(), "--cache", cache, "--out", p("out"), "--output", "dist/jar.txt", "--",
                    "sh", "-c", "mkdir -p dist && cat $HOME/.m2/repository/org/example/lib/1.0/lib-1.0.jar > dist/jar.txt"};
            ok("prefetch", "-C", app.toString(), "--cache", cache, "--maven-repo", repo);
            ok(build);

            Path entry = dir.resolve("cache/sha256").resolve(sha.substring(0, 2)).resolve(sha);
            assertTrue(Files.isRegularFile(entry), "the cache layout the runbook names: " + entry);
            entry.toFile().setWritable(true);
            Files.writeString(entry, "the real jar bytes, backdoored");

            Run refused = hermetic(build);
            assertEquals(1, refused.exit(), refused.all());
            assertTrue(refused.err().contains("poisoned cache entry for org.example:lib:jar:1.0: " + entry), refused.err());
            assertTrue(refused.err().contains("remove it and run hermetic prefetch"), refused.err());

            Run check = hermetic("prefetch", "-C", app.toString(), "--cache", cache, "--maven-repo", repo);
            assertEquals(1, check.exit(), "prefetch re-checks every entry it already holds: " + check.all());
            assertTrue(check.all().contains("poisoned cache entry for org.example:lib:jar"), check.all());
            assertTrue(check.all().contains(entry.toString()), check.all());

            Files.delete(entry);
            ok("prefetch", "-C", app.toString(), "--cache", cache, "--maven-repo", repo);
            ok(build);
            assertEquals("the real jar bytes", Files.readString(dir.resolve("out/dist/jar.txt")));
        } finally {
            registry.stop(0);
        }
    }

    @Test
    void aSigningKeyRotation() throws Exception {
        String oldId = keygen("2026-old");
        Path repo = repository();
        commit(repo, "1.0");
        Path before = releaseBuild(repo, "out-1.0", "2026-old", TRUSTED_BUILDER);
        Path oldBundle = before.resolve("provenance.sigstore.json");
        Path artifact = before.resolve("dist/app.txt");

        keygen("2027-new");
        Path trusted = Files.createDirectories(dir.resolve("trusted"));
        Files.copy(dir.resolve("keys/2026-old.pub"), trusted.resolve("2026-old.pub"));
        Files.copy(dir.resolve("keys/2027-new.pub"), trusted.resolve("2027-new.pub"));
        ok("verify", "--pub", trusted.toString(), "--bundle", oldBundle.toString(), "--artifact", artifact.toString(), "--require-hermetic");

        commit(repo, "1.1");
        Path after = releaseBuild(repo, "out-1.1", "2027-new", TRUSTED_BUILDER);
        ok("verify", "--pub", trusted.toString(), "--bundle", after.resolve("provenance.sigstore.json").toString(),
                "--artifact", after.resolve("dist/app.txt").toString(), "--require-hermetic");

        Path resigned = dir.resolve("out-1.0/provenance.2027.sigstore.json");
        ok("attest", "--key", p("keys/2027-new.pem"), "--statement", before.resolve("provenance.json").toString(),
                "--out", resigned.toString(), "--store", store());

        Path revoked = Files.writeString(dir.resolve("revoked.txt"), oldId + " # rotated 2027-01: retired, not compromised\n");
        Run old = hermetic("verify", "--pub", trusted.toString(), "--revoked", revoked.toString(), "--bundle", oldBundle.toString(),
                "--artifact", artifact.toString());
        assertEquals(1, old.exit(), old.all());
        assertTrue(old.err().contains("key " + oldId + " revoked: rotated 2027-01"), old.err());
        ok("verify", "--pub", trusted.toString(), "--revoked", revoked.toString(), "--bundle", resigned.toString(),
                "--artifact", artifact.toString(), "--require-hermetic");
        Files.delete(trusted.resolve("2026-old.pub"));
        ok("verify", "--pub", trusted.toString(), "--revoked", revoked.toString(), "--bundle", resigned.toString(),
                "--artifact", artifact.toString(), "--require-hermetic");
    }

    @Test
    void aKeyCompromise() throws Exception {
        String stolenId = keygen("stolen");
        keygen("replacement");
        Path repo = repository();
        String c1 = commit(repo, "1.0");
        Path out1 = releaseBuild(repo, "out-1.0", "stolen", TRUSTED_BUILDER);
        String c2 = commit(repo, "1.1");
        releaseBuild(repo, "out-1.1", "stolen", TRUSTED_BUILDER);

        Path revoked = Files.writeString(dir.resolve("revoked.txt"), stolenId + " # compromised 2026-12-02, incident 17\n");

        Set<String> signedByStolen = new TreeSet<>();
        for (String commit : List.of(c1, c2)) {
            Run q = ok("store", "query", "--commit", commit, "--store", store(), "--json");
            assertTrue(values(q.out(), "keyId").contains(stolenId), q.out());
            signedByStolen.addAll(subjectsSignedBy(new ObjectMapper().readTree(q.out()), stolenId));
        }
        String first = sha256(out1.resolve("dist/app.txt"));
        assertEquals(Set.of("sha256:" + first, "sha256:" + sha256(dir.resolve("out-1.1/dist/app.txt"))), signedByStolen);
        Run stillTrusted = hermetic("trace", "sha256:" + first, "--store", store(), "--pub", p("keys/stolen.pub"),
                "--revoked", revoked.toString());
        assertEquals(1, stillTrusted.exit(), stillTrusted.all());
        assertTrue(stillTrusted.out().contains("(REVOKED: compromised 2026-12-02, incident 17)"), stillTrusted.out());
        assertTrue(stillTrusted.out().contains("verdict: NOT trustworthy"), stillTrusted.out());

        Path bundle = dir.resolve("record.sigstore.json");
        String seq = values(hermetic("store", "query", "--digest", "sha256:" + first, "--store", store(), "--json").out(), "seq").get(0);
        ok("store", "get", seq, "--bundle-out", bundle.toString(), "--store", store());
        ok("rebuild", "--provenance", bundle.toString(), "--pub", p("keys/stolen.pub"), "-C", repo.toString(),
                "--artifacts", out1.toString(), "--out", p("rebuild-1.0"), "--store", store());
        Path rebuilt = dir.resolve("rebuild-1.0/rebuilt/provenance.json");
        assertEquals(first, new ObjectMapper().readTree(rebuilt.toFile()).at("/subject/0/digest/sha256").asText());
        Path resigned = dir.resolve("out-1.0/provenance.resigned.sigstore.json");
        ok("attest", "--key", p("keys/replacement.pem"), "--statement", rebuilt.toString(), "--out", resigned.toString(), "--store", store());

        ok("verify", "--pub", p("keys/replacement.pub"), "--revoked", revoked.toString(), "--bundle", resigned.toString(),
                "--artifact", out1.resolve("dist/app.txt").toString(), "--require-hermetic");
        Run old = hermetic("verify", "--pub", dir.resolve("keys").toString(), "--revoked", revoked.toString(),
                "--bundle", out1.resolve("provenance.sigstore.json").toString(), "--artifact", out1.resolve("dist/app.txt").toString());
        assertEquals(1, old.exit(), old.all());
        assertTrue(old.err().contains("key " + stolenId + " revoked: compromised"), old.err());
        Run after = hermetic("trace", "sha256:" + first, "--store", store(), "--pub", dir.resolve("keys").toString(),
                "--revoked", revoked.toString());
        assertTrue(after.out().contains("(REVOKED: compromised 2026-12-02, incident 17)"), "the log keeps the revoked record: " + after.out());
        assertTrue(after.out().contains("reproducible: yes"), after.out());
    }

    @Test
    void aCompromisedBuilder() throws Exception {
        keygen("release");
        String bad = "https://ci-7.example.com/hermetic";
        Path repo = repository();
        String c1 = commit(repo, "1.0");
        Path out = releaseBuild(repo, "out-bad", "release", bad);
        Path artifact = out.resolve("dist/app.txt");

        Run q = ok("store", "query", "--commit", c1, "--store", store(), "--json");
        assertTrue(values(q.out(), "builderId").contains(bad), q.out());
        Run trace = ok("trace", "sha256:" + sha256(artifact), "--store", store(), "--pub", p("keys/release.pub"));
        assertTrue(trace.out().contains(bad), trace.out());

        Run refused = hermetic("verify", "--pub", p("keys/release.pub"), "--bundle", out.resolve("provenance.sigstore.json").toString(),
                "--artifact", artifact.toString(), "--builder-id", TRUSTED_BUILDER, "--require-hermetic");
        assertEquals(1, refused.exit(), refused.all());
        assertTrue(refused.err().contains("builder id " + bad + " not allowed"), refused.err());

        ok("rebuild", "--provenance", out.resolve("provenance.sigstore.json").toString(), "--pub", p("keys/release.pub"),
                "-C", repo.toString(), "--artifacts", out.toString(), "--out", p("rebuild"), "--store", store());
        Path clean = releaseBuild(repo, "out-clean", "release", TRUSTED_BUILDER);
        assertEquals(sha256(artifact), sha256(clean.resolve("dist/app.txt")), "the trusted builder makes the same bytes");
        ok("verify", "--pub", p("keys/release.pub"), "--bundle", clean.resolve("provenance.sigstore.json").toString(),
                "--artifact", artifact.toString(), "--builder-id", TRUSTED_BUILDER, "--require-hermetic");
    }
}
