package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.store.Digests;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store key through the command line: put signs checkpoints, store verify checks them (and
 * one kept outside the database), trace and query check positions; bad input is refused with
 * exit 2 and leaves the store as it was.
 */
class StoreCheckpointCommandsTest {

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

    private String bundle(String name) throws Exception {
        Path stmt = Files.writeString(dir.resolve(name + ".json"), StoreData.statement("build/" + name,
                Digests.sha256(name), Instant.parse("2026-11-28T10:00:00Z"), Instant.parse("2026-11-28T10:04:00Z")));
        assertEquals(0, run("attest", "--key", p("release.pem"), "--statement", stmt.toString(), "--out", p(name + ".sigstore.json")).exit());
        return p(name + ".sigstore.json");
    }

    private long rows(String table) throws Exception {
        try (Connection c = DriverManager.getConnection(store()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void putSignsCheckpointsAndVerifyTraceAndQueryCheckThem() throws Exception {
        assertEquals(0, run("keygen", "--key", p("release.pem")).exit());
        assertEquals(0, run("keygen", "--key", p("store.pem")).exit());
        for (String name : new String[] {"a.jar", "b.jar"}) {
            Run put = run("store", "put", "--bundle", bundle(name), "--pub", p("release.pub"), "--store", store(),
                    "--store-key", p("store.pem"), "--checkpoint-out", p("kept.json"));
            assertEquals(0, put.exit(), put.err());
        }
        Run verify = run("store", "verify", "--store", store(), "--store-pub", p("store.pub"), "--checkpoint", p("kept.json"));
        assertEquals(0, verify.exit(), verify.err());
        assertTrue(verify.out().contains("checkpoint: 2 records, signed by the store key at "), verify.out());
        Run trace = run("trace", Digests.sha256("a.jar"), "--store", store(), "--pub", p("release.pub"), "--store-pub", p("store.pub"));
        assertEquals(0, trace.exit(), trace.out());
        assertTrue(trace.out().contains("position verified: covered by the checkpoint of 1 record signed by store key "), trace.out());
        assertTrue(trace.out().contains("verdict: trustworthy\n"), trace.out());

        // Someone with write access appends a record without the store key (here: a put without it).
        assertEquals(0, run("store", "put", "--bundle", bundle("c.jar"), "--pub", p("release.pub"), "--store", store()).exit());
        Run after = run("store", "verify", "--store", store(), "--store-pub", p("store.pub"));
        assertEquals(1, after.exit());
        assertTrue(after.err().contains("record 3: records 3 to 3 come after the latest signed checkpoint (2 records)"), after.err());
        Run query = run("store", "query", "--digest", Digests.sha256("c.jar"), "--store", store(), "--store-pub", p("store.pub"));
        assertEquals(0, query.exit());
        assertTrue(query.out().contains("position  FAILED: no checkpoint signed by the store key covers it"), query.out());
        Run traceC = run("trace", Digests.sha256("c.jar"), "--store", store(), "--pub", p("release.pub"), "--store-pub", p("store.pub"));
        assertEquals(1, traceC.exit());

        // The operator, having checked the log, vouches for it again; the kept copy is refreshed.
        Run cp = run("store", "checkpoint", "--key", p("store.pem"), "--store", store(), "--out", p("kept.json"));
        assertEquals(0, cp.exit(), cp.err());
        assertTrue(cp.out().contains(": 3 records, head "), cp.out());
        assertEquals(0, run("store", "verify", "--store", store(), "--store-pub", p("store.pub"), "--checkpoint", p("kept.json"),
                "--checkpoint-out", p("kept.json")).exit());
        Run json = run("store", "verify", "--store", store(), "--store-pub", p("store.pub"), "--json");
        assertEquals(3, JsonOutputSchema.result(json.exit(), json.out(), json.err()).get("checkpoint").get("size").asInt(),
                json.out());
    }

    @Test
    void badInputIsRefusedNamingItAndLeavesTheStoreAsItWas() throws Exception {
        assertEquals(0, run("keygen", "--key", p("release.pem")).exit());
        assertEquals(0, run("keygen", "--key", p("store.pem")).exit());
        assertEquals(0, run("store", "put", "--bundle", bundle("a.jar"), "--pub", p("release.pub"), "--store", store(),
                "--store-key", p("store.pem")).exit());
        String b = bundle("b.jar");

        Run missingKey = run("store", "put", "--bundle", b, "--pub", p("release.pub"), "--store", store(), "--store-key", p("nope.pem"));
        assertEquals(2, missingKey.exit());
        assertTrue(missingKey.err().contains("nope.pem"), missingKey.err());
        Run outWithoutKey = run("store", "put", "--bundle", b, "--pub", p("release.pub"), "--store", store(),
                "--checkpoint-out", p("kept.json"));
        assertEquals(2, outWithoutKey.exit());
        assertTrue(outWithoutKey.err().contains("--checkpoint-out needs --store-key"), outWithoutKey.err());
        assertEquals(1, rows("records"), "a refused write recorded something");
        assertEquals(1, rows("checkpoints"));

        Run noPub = run("store", "verify", "--store", store(), "--checkpoint", p("kept.json"));
        assertEquals(2, noPub.exit());
        assertTrue(noPub.err().contains("--checkpoint needs --store-pub"), noPub.err());
        Files.writeString(dir.resolve("notes.json"), "{\"hello\": 1}");
        Run notCheckpoint = run("store", "verify", "--store", store(), "--store-pub", p("store.pub"), "--checkpoint", p("notes.json"));
        assertEquals(2, notCheckpoint.exit());
        assertTrue(notCheckpoint.err().contains("--checkpoint " + p("notes.json") + " is not a signed store checkpoint"),
                notCheckpoint.err());
        Run badStorePub = run("store", "verify", "--store", store(), "--store-pub", p("notes.json"));
        assertEquals(2, badStorePub.exit());
        assertTrue(badStorePub.err().contains("notes.json"), badStorePub.err());
        Run wrongKey = run("store", "verify", "--store", store(), "--store-pub", p("release.pub"));
        assertEquals(1, wrongKey.exit());
        assertTrue(wrongKey.err().contains("does not verify against the store key(s) given (--store-pub)"), wrongKey.err());
        Run cpNoKey = run("store", "checkpoint", "--key", p("nope.pem"), "--store", store());
        assertEquals(2, cpNoKey.exit());
        assertEquals(1, rows("checkpoints"));
        assertEquals(1, rows("records"));
    }
}
