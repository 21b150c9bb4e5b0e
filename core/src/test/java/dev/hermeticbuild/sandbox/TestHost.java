package dev.hermeticbuild.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host of the test's own: a network namespace joined to this machine by a veth pair, with
 * addresses from the benchmarking range (198.18.0.0/15) and a ULA prefix, and a TCP listener in
 * it that counts connections. It never routes anywhere else, and it is torn down on close.
 */
final class TestHost implements AutoCloseable {

    static final int PORT = 8080;

    private final String namespace;
    private final String hostSide;
    private final int subnet;
    private final Process listener;
    private final AtomicInteger connections = new AtomicInteger();
    private final BufferedReader listenerOutput;

    private TestHost(String namespace, String hostSide, int subnet, Process listener) {
        this.namespace = namespace;
        this.hostSide = hostSide;
        this.subnet = subnet;
        this.listener = listener;
        this.listenerOutput = new BufferedReader(new InputStreamReader(listener.getInputStream(), StandardCharsets.UTF_8));
    }

    static String ip() {
        for (String p : List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    static TestHost start() throws IOException, InterruptedException {
        int id = ThreadLocalRandom.current().nextInt(1, 250);
        String ns = "hbt-host-" + id;
        String host = "hbt-h" + id;
        String peer = "hbt-p" + id;
        sh("netns", "add", ns);
        try {
            sh("link", "add", host, "type", "veth", "peer", "name", peer);
            sh("link", "set", peer, "netns", ns);
            sh("addr", "add", "198.18." + id + ".1/30", "dev", host);
            sh("-6", "addr", "add", "fd42:4842:" + id + "::1/64", "dev", host, "nodad");
            sh("link", "set", host, "up");
            sh("-n", ns, "addr", "add", "198.18." + id + ".2/30", "dev", peer);
            sh("-n", ns, "-6", "addr", "add", "fd42:4842:" + id + "::2/64", "dev", peer, "nodad");
            sh("-n", ns, "link", "set", peer, "up");
            sh("-n", ns, "link", "set", "lo", "up");
            Process listener = new ProcessBuilder(ip(), "netns", "exec", ns, "/usr/bin/python3", "-c",
                    "import socket\ns=socket.socket(socket.AF_INET6)\ns.setsockopt(socket.IPPROTO_IPV6,socket.IPV6_V6ONLY,0)\n"
                            + "s.bind(('::'," + PORT + "))\ns.listen(16)\nprint('READY',flush=True)\n"
                            + "while True:\n  c,a=s.accept()\n  print('CONNECTION',a[0],flush=True)\n  c.close()\n")
                    .redirectErrorStream(true).start();
            TestHost testHost = new TestHost(ns, host, id, listener);
            String ready = testHost.listenerOutput.readLine();
            if (!"READY".equals(ready)) {
                testHost.close();
                throw new IOException("test host listener did not start: " + ready);
            }
            return testHost;
        } catch (IOException | RuntimeException e) {
            cleanup(ns, host);
            throw e;
        }
    }

    String ipv4() {
        return "198.18." + subnet + ".2";
    }

    String ipv6() {
        return "fd42:4842:" + subnet + "::2";
    }

    /** Connections the listener has reported so far (reads what it has printed, without waiting). */
    int connectionsSeen() throws IOException {
        while (listenerOutput.ready()) {
            String line = listenerOutput.readLine();
            if (line != null && line.startsWith("CONNECTION")) {
                connections.incrementAndGet();
            }
        }
        return connections.get();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        listener.destroyForcibly().waitFor();
        cleanup(namespace, hostSide);
    }

    private static void cleanup(String ns, String host) throws InterruptedException {
        try {
            new ProcessBuilder(ip(), "link", "del", host).redirectErrorStream(true).start().waitFor();
            new ProcessBuilder(ip(), "netns", "del", ns).redirectErrorStream(true).start().waitFor();
        } catch (IOException e) {
            // nothing left to clean
        }
    }

    private static void sh(String... args) throws IOException, InterruptedException {
        var cmd = new java.util.ArrayList<String>();
        cmd.add(ip());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
