package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hermetic metrics} with several windows, and its refusals of bad windows and listen addresses. */
class MetricsCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HermeticCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    private String store() {
        return "jdbc:sqlite:" + dir.resolve("store.db");
    }

    @Test
    void repeatedWindowsLabelOneSampleEach() {
        StoreData.populate(store(), Instant.now(), dir.resolve("signer.pub"));
        Run r = run("metrics", "--store", store(), "--pub", dir.resolve("signer.pub").toString(),
                "--window", "6h", "--window", "30d");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("hermetic_builds{window=\"6h\"} 3\nhermetic_builds{window=\"30d\"} 42\n"), r.out());
        assertTrue(r.out().contains("hermetic_builds_by_signature{window=\"6h\",status=\"failed\"} 1\n"), r.out());
        assertTrue(r.out().contains("hermetic_cache_lookups{window=\"30d\",result=\"hit\"} 378\n"), r.out());
        assertEquals(1, r.out().split("# TYPE hermetic_builds gauge\n", -1).length - 1, r.out());
    }

    @Test
    void badWindowsAndAddressesAreUsageErrorsNamingTheInput() throws Exception {
        Run twice = run("metrics", "--store", store(), "--window", "1h", "--window", "1h");
        assertEquals(2, twice.exit());
        assertTrue(twice.err().contains("--window 1h: given twice"), twice.err());
        Run noHost = run("metrics", "--store", store(), "--listen", "9464");
        assertEquals(2, noHost.exit());
        assertTrue(noHost.err().contains("--listen 9464: expected HOST:PORT"), noHost.err());
        Run badPort = run("metrics", "--store", store(), "--listen", "127.0.0.1:99999");
        assertEquals(2, badPort.exit());
        assertTrue(badPort.err().contains("--listen 127.0.0.1:99999: the port must be 0 to 65535"), badPort.err());
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            Run busy = run("metrics", "--store", store(), "--listen", address);
            assertEquals(2, busy.exit());
            assertTrue(busy.err().contains("--listen " + address + ": cannot listen there: "), busy.err());
        }
    }
}
