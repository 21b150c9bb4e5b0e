package dev.hermeticbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.store.StoreWriterMain.Ack;
import dev.hermeticbuild.testing.Cmd;
import dev.hermeticbuild.testing.PostgresServer;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Writes that must survive: a writer process killed with SIGKILL mid-stream, several writer
 * processes and threads at once, and (PostgreSQL) the server stopped in the middle of an append.
 */
class StoreDurabilityTest {

    @TempDir
    Path tmp;

    /** Every acknowledged append is in the store at the position it was acknowledged with. */
    private static void assertAllPresent(ProvenanceStore store, List<Ack> acks) {
        for (Ack ack : acks) {
            List<StoredRecord> found = store.byBuildId(ack.buildId());
            assertEquals(1, found.size(), "acknowledged record " + ack + " lost or duplicated");
            assertEquals(ack.seq(), found.get(0).seq(), "acknowledged record " + ack + " moved");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void acknowledgedAppendsSurviveKillDashNineOfTheWriter(Backend backend) throws Exception {
        String url = backend.newStore(tmp);
        ProvenanceStores.open(url).close();
        Process writer = StoreWriterMain.start(url, "killed", 0);
        BufferedReader out = StoreWriterMain.output(writer);
        List<Ack> acks = new ArrayList<>(StoreWriterMain.read(out, 25));
        assertEquals(25, acks.size(), "the writer stopped before 25 appends");
        Cmd.run(Map.of(), null, "kill", "-KILL", Long.toString(writer.pid())); // mid-stream: it is always appending
        assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, writer.exitValue(), "the writer was not killed by SIGKILL");
        acks.addAll(StoreWriterMain.read(out, 0)); // acknowledgements still in the pipe count too

        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            ChainReport report = store.verify();
            assertTrue(report.intact(), report.problems().toString());
            assertAllPresent(store, acks);
            long size = store.size();
            assertTrue(size == acks.size() || size == acks.size() + 1,
                    "store holds " + size + " records for " + acks.size() + " acknowledged (at most one in flight)");
            store.append(TestRecords.unsigned("after-kill", "after-kill"));
            assertTrue(store.verify().intact());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void concurrentWritersLoseNothingAndKeepTheChainLinear(Backend backend) throws Exception {
        String url = backend.newStore(tmp);
        ProvenanceStores.open(url).close();
        int processes = 3;
        int perProcess = 30;
        int threads = 4;
        int perThread = 20;
        List<Process> writers = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            writers.add(StoreWriterMain.start(url, "proc" + p, perProcess));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Ack>>> threadAcks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String prefix = "thread" + t;
            threadAcks.add(pool.submit(() -> {
                List<Ack> acks = new ArrayList<>();
                try (ProvenanceStore own = ProvenanceStores.open(url)) { // its own connection, like another build
                    for (int i = 1; i <= perThread; i++) {
                        StoredRecord r = own.append(TestRecords.unsigned(prefix + "-" + i, prefix + "-" + i));
                        acks.add(new Ack(r.seq(), prefix + "-" + i));
                    }
                }
                return acks;
            }));
        }
        List<Ack> acks = new ArrayList<>();
        for (Process w : writers) {
            acks.addAll(StoreWriterMain.read(StoreWriterMain.output(w), 0));
            assertTrue(w.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, w.exitValue(), "a writer process failed");
        }
        for (Future<List<Ack>> f : threadAcks) {
            acks.addAll(f.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();

        int total = processes * perProcess + threads * perThread;
        assertEquals(total, acks.size());
        Set<Long> seqs = new HashSet<>();
        acks.forEach(a -> assertTrue(seqs.add(a.seq()), "two writers were acknowledged position " + a.seq()));
        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            assertEquals(total, store.size());
            ChainReport report = store.verify();
            assertTrue(report.intact(), report.problems().toString());
            assertEquals(total, report.headSeq());
            assertAllPresent(store, acks);
        }
    }

    @Test
    void postgresServerStoppedMidAppendLeavesNoHalfRecordAndRetryWorks() throws Exception {
        PostgresServer server = PostgresServer.get();
        String url = server.newDatabase();
        ProvenanceStore store = ProvenanceStores.open(url);
        for (int i = 1; i <= 3; i++) {
            store.append(TestRecords.unsigned("before-" + i, "before-" + i));
        }
        ProvenanceRecord pending = TestRecords.unsigned("in-flight", "in-flight");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        // Another session holds the digest index: the append inserts its log row, then waits on the index.
        Connection holder = Backend.raw(url);
        holder.setAutoCommit(false);
        try (Statement s = holder.createStatement()) {
            s.execute("LOCK TABLE record_subjects IN ACCESS EXCLUSIVE MODE");
        }
        Future<StoredRecord> append = pool.submit(() -> store.append(pending));
        awaitBlockedInsert(server.url("postgres"), url);
        server.stopServer(true); // like a crash: no checkpoint, every session cut off
        try {
            holder.close();
        } catch (java.sql.SQLException expected) {
            // the server is gone
        }
        try {
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> append.get(60, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof StoreException, String.valueOf(e.getCause()));
            assertTrue(e.getCause().getMessage().contains("nothing was recorded"), e.getCause().getMessage());
        } finally {
            server.startServer();
            pool.shutdown();
        }
        try (ProvenanceStore after = ProvenanceStores.open(url)) {
            assertEquals(3, after.size(), "a half-written record survived");
            assertTrue(after.byBuildId("in-flight").isEmpty());
            assertTrue(after.verify().intact());
        }
        StoredRecord retried = store.appendOnce(pending); // the same store object reconnects
        assertEquals(4, retried.seq());
        assertEquals(4, store.appendOnce(pending).seq(), "a second retry must not record it twice");
        assertEquals(4, store.size());
        assertTrue(store.verify().intact());
        store.close();
    }

    /** Waits (on a condition, not a clock) until an INSERT into record_subjects waits for its lock. */
    private static void awaitBlockedInsert(String adminUrl, String storeUrl) throws Exception {
        String db = storeUrl.substring(storeUrl.lastIndexOf('/') + 1, storeUrl.indexOf('?'));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection c = Backend.raw(adminUrl); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db
                        + "' AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO record_subjects%'")) {
                    rs.next();
                    if (rs.getInt(1) == 1) {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("the append never reached its INSERT into record_subjects");
    }
}
