package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.hermeticbuild.digest.Sha256;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes that are not about the input: an unreachable registry (5), an integrity failure (1),
 * and signals (130, 143) on a real {@code hermetic} process.
 */
class ExitCodesTest {

    static final byte[] JAR = "the locked jar".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path project;
    @TempDir
    Path cache;

    private void lock(String sha256) throws IOException {
        Files.writeString(project.resolve("hermetic.lock"), "org.example:lib:jar:1.0 sha256=" + sha256 + "\n");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private BuildCommandTest.Run prefetch(String registry, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("prefetch", "-C", project.toString(), "--cache", cache.toString(),
                "--maven-repo", registry));
        args.addAll(List.of(more));
        return BuildCommandTest.hermetic(args.toArray(String[]::new));
    }

    @Test
    void anUnreachableRegistryIsExitFiveNotAnInputError() throws IOException {
        lock(Sha256.ofBytes(JAR));
        String registry = "http://127.0.0.1:" + closedPort() + "/maven2";
        BuildCommandTest.Run r = prefetch(registry);
        assertEquals(ExitCodes.UNAVAILABLE, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("unreachable") && r.err().contains("re-running prefetch is safe"), r.err());

        BuildCommandTest.Run json = prefetch(registry, "--json");
        JsonNode report = JsonOutputSchema.assertReport(json);
        assertEquals("registry-unavailable", report.path("errors").get(0).path("code").asText(), json.out());
        assertEquals(0, report.path("result").path("fetched").asInt());
    }

    @Test
    void bytesThatDoNotMatchTheLockAreExitOneAndQuietShowsNoProgress() throws IOException {
        lock(Sha256.ofBytes("what the lock expects".getBytes(StandardCharsets.UTF_8)));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, JAR.length);
            exchange.getResponseBody().write(JAR);
            exchange.close();
        });
        server.start();
        try {
            String registry = "http://127.0.0.1:" + server.getAddress().getPort() + "/maven2";
            BuildCommandTest.Run r = prefetch(registry, "--json");
            JsonNode report = JsonOutputSchema.assertReport(r);
            assertEquals(ExitCodes.CHECK_FAILED, r.exit(), r.out() + r.err());
            assertEquals("fetch-failed", report.path("errors").get(0).path("code").asText(), r.out());
            assertTrue(r.err().contains("prefetch: 1/1 inputs"), "progress without --quiet: " + r.err());

            BuildCommandTest.Run quiet = prefetch(registry, "--quiet");
            assertEquals(ExitCodes.CHECK_FAILED, quiet.exit());
            assertFalse(quiet.err().contains("prefetch: 1/1"), "no progress with --quiet: " + quiet.err());
            assertTrue(quiet.err().contains("do not match the lock"), "errors still shown with --quiet: " + quiet.err());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void sigtermIs143AndSigintIs130() throws Exception {
        assertEquals(ExitCodes.TERMINATED, exitAfterSignal("TERM"));
        assertEquals(ExitCodes.INTERRUPTED, exitAfterSignal("INT"));
    }

    /** Runs a real hermetic prefetch against a registry that accepts and never answers, signals it while it waits, returns its exit code. */
    private int exitAfterSignal(String signal) throws Exception {
        lock(Sha256.ofBytes(JAR));
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            silent.setSoTimeout(60_000);
            Process p = HermeticProcess.of("prefetch", "-C", project.toString(), "--cache", cache.toString(),
                    "--maven-repo", "http://127.0.0.1:" + silent.getLocalPort() + "/maven2")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (Socket waiting = silent.accept()) {
                new BufferedReader(new InputStreamReader(waiting.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
                assertEquals(0, kill.waitFor());
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "hermetic did not stop on SIG" + signal);
                return p.exitValue();
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
