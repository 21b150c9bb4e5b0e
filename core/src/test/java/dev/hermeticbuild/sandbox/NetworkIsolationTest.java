package dev.hermeticbuild.sandbox;

import dev.hermeticbuild.testing.Tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tries every way out to the network from inside the sandbox and asserts each fails, and that
 * the same attempt succeeds without a sandbox (so a test cannot pass because the attempt itself
 * is broken).
 */
class NetworkIsolationTest {

    @TempDir
    Path workspace;

    static java.util.stream.Stream<Sandbox> sandboxes() {
        return SandboxFixture.namespaceSandboxes();
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void tcpAndUdpToHostLoopbackAreBlockedOnIpv4AndIpv6(Sandbox sandbox) throws IOException {
        try (ServerSocketChannel tcp4 = listenTcp("127.0.0.1");
             ServerSocketChannel tcp6 = listenTcp("::1");
             DatagramChannel udp4 = listenUdp("127.0.0.1");
             DatagramChannel udp6 = listenUdp("::1")) {
            String[] attempts = {
                "tcp=127.0.0.1:" + port(tcp4), "tcp=::1:" + port(tcp6),
                "udp=127.0.0.1:" + port(udp4), "udp=::1:" + port(udp6)};

            SandboxFixture.Result inside = SandboxFixture.escape(sandbox, workspace, attempts);
            assertEquals(0, inside.exitCode(), inside.output());
            assertTrue(inside.output().contains("tcp=127.0.0.1:" + port(tcp4) + " BLOCKED"), inside.output());
            assertTrue(inside.output().contains("tcp=::1:" + port(tcp6) + " BLOCKED"), inside.output());
            assertNull(tcp4.accept(), "a connection from the sandbox reached the host's IPv4 loopback listener");
            assertNull(tcp6.accept(), "a connection from the sandbox reached the host's IPv6 loopback listener");
            assertNull(udp4.receive(ByteBuffer.allocate(64)), "a datagram from the sandbox reached the host (IPv4)");
            assertNull(udp6.receive(ByteBuffer.allocate(64)), "a datagram from the sandbox reached the host (IPv6)");

            SandboxFixture.Result bare = SandboxFixture.escape(new NoSandbox(), workspace, attempts);
            assertTrue(bare.output().contains("tcp=127.0.0.1:" + port(tcp4) + " REACHED"), "control: " + bare.output());
            assertTrue(bare.output().contains("tcp=::1:" + port(tcp6) + " REACHED"), "control: " + bare.output());
            assertTrue(udp4.receive(ByteBuffer.allocate(64)) != null, "control: the unsandboxed datagram must arrive");
        }
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void aTestHostInItsOwnNetworkNamespaceIsUnreachable(Sandbox sandbox) throws Exception {
        Tools.require("root and iproute2", SandboxFixture.isRoot() && TestHost.ip() != null,
                "creating a test host with ip netns and veth");
        try (TestHost host = TestHost.start()) {
            String[] attempts = {"tcp=" + host.ipv4() + ":" + TestHost.PORT, "tcp=" + host.ipv6() + ":" + TestHost.PORT,
                "udp=" + host.ipv4() + ":" + TestHost.PORT};

            SandboxFixture.Result bare = SandboxFixture.escape(new NoSandbox(), workspace, attempts[0]);
            assertTrue(bare.output().contains("REACHED"), "control: the test host must be reachable from the host: " + bare.output());
            int controlHits = host.connectionsSeen();
            assertTrue(controlHits >= 1, "control: the test host saw no connection");

            SandboxFixture.Result inside = SandboxFixture.escape(sandbox, workspace, attempts);
            assertFalse(inside.output().contains("REACHED"), inside.output());
            assertTrue(inside.output().contains("Network is unreachable"), inside.output());
            assertEquals(controlHits, host.connectionsSeen(), "the test host saw a connection from the sandbox");
        }
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void noRouteToTheNameResolverOrAnywhere(Sandbox sandbox) throws IOException {
        StringBuilder attempts = new StringBuilder();
        java.util.List<String> targets = new java.util.ArrayList<>();
        for (InetAddress ns : ResolvConf.nameservers()) {
            targets.add("route=" + ns.getHostAddress() + ":53");
        }
        targets.add("route=192.0.2.1:9");
        targets.add("route=2001:db8::1:9");
        SandboxFixture.Result inside = SandboxFixture.escape(sandbox, workspace, targets.toArray(String[]::new));
        for (String t : targets) {
            assertTrue(inside.output().contains(t + " BLOCKED"), t + " should have no route: " + inside.output());
        }
        SandboxFixture.Result routes = SandboxFixture.run(sandbox, workspace, "/bin/sh", "-c",
                "cat /proc/net/route; cat /proc/net/ipv6_route; ls /sys/class/net 2>/dev/null || true");
        assertFalse(routes.output().matches("(?s).*\\n\\S+\\s+00000000\\s.*"), "a default route exists inside: " + routes.output());
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void onlyLoopbackInside(Sandbox sandbox) {
        SandboxFixture.Result inside = SandboxFixture.run(sandbox, workspace, "/bin/sh", "-c", "cat /proc/net/dev");
        String interfaces = inside.output().lines().skip(2).map(l -> l.trim().split(":")[0]).toList().toString();
        assertEquals("[lo]", interfaces, inside.output());
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void unixSocketsInHostTmpAndRunAreMasked(Sandbox sandbox) throws IOException {
        String token = UUID.randomUUID().toString().substring(0, 8);
        Path inTmp = Path.of("/tmp/hbt-" + token + ".sock");
        Path inRun = Path.of("/run/hbt-" + token + ".sock");
        Tools.require("a writable /run", Files.isWritable(Path.of("/run")), "the test plants a socket there");
        try (ServerSocketChannel a = listenUnix(inTmp); ServerSocketChannel b = listenUnix(inRun)) {
            String[] attempts = {"unix=" + inTmp, "unix=" + inRun};
            SandboxFixture.Result inside = SandboxFixture.escape(sandbox, workspace, attempts);
            assertTrue(inside.output().contains("unix=" + inTmp + " BLOCKED"), inside.output());
            assertTrue(inside.output().contains("unix=" + inRun + " BLOCKED"), inside.output());
            assertNull(a.accept());
            assertNull(b.accept());

            SandboxFixture.Result bare = SandboxFixture.escape(new NoSandbox(), workspace, attempts);
            assertTrue(bare.output().contains("unix=" + inTmp + " REACHED"), "control: " + bare.output());
        } finally {
            Files.deleteIfExists(inTmp);
            Files.deleteIfExists(inRun);
        }
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void abstractUnixSocketsOfTheHostAreUnreachable(Sandbox sandbox) throws Exception {
        Tools.require("/usr/bin/python3", Files.isExecutable(Path.of("/usr/bin/python3")), "it listens on an abstract socket");
        String name = "hbt-abstract-" + UUID.randomUUID();
        Process listener = new ProcessBuilder("/usr/bin/python3", "-c",
                "import socket,sys\ns=socket.socket(socket.AF_UNIX)\ns.bind('\\0'+sys.argv[1])\ns.listen(8)\n"
                        + "print('READY',flush=True)\nwhile True:\n  c,_=s.accept()\n  print('ACCEPTED',flush=True)\n", name)
                .redirectErrorStream(true).start();
        try {
            var lines = new java.io.BufferedReader(new java.io.InputStreamReader(listener.getInputStream()));
            assertEquals("READY", lines.readLine());
            SandboxFixture.Result inside = SandboxFixture.escape(sandbox, workspace, "abstract=" + name);
            assertTrue(inside.output().contains("abstract=" + name + " BLOCKED"), inside.output());
            SandboxFixture.Result bare = SandboxFixture.escape(new NoSandbox(), workspace, "abstract=" + name);
            assertTrue(bare.output().contains("abstract=" + name + " REACHED"), "control: " + bare.output());
            assertEquals("ACCEPTED", lines.readLine(), "only the control connection may arrive");
        } finally {
            listener.destroyForcibly().waitFor();
        }
    }

    @Test
    void egressProbeReportsBlockedInsideAndOpenWithoutSandbox() {
        Sandbox sandbox = SandboxChooser.choose(SandboxMode.AUTO);
        EgressReport inside = EgressCheck.run(sandbox, new SandboxSpec(workspace, java.util.List.of(), SandboxFixture.env()));
        assertTrue(inside.egressBlocked(), inside.toString());
        assertTrue(inside.attempts().stream().anyMatch(a -> a.target().startsWith("unix:/tmp/")), inside.toString());
        assertTrue(inside.attempts().stream().anyMatch(a -> a.target().startsWith("route:")), inside.toString());

        var env = new java.util.HashMap<>(SandboxFixture.env());
        env.put("HOME", workspace.toString());
        EgressReport bare = EgressCheck.run(new NoSandbox(), new SandboxSpec(workspace, java.util.List.of(), env));
        assertFalse(bare.egressBlocked());
        assertTrue(bare.reached().stream().anyMatch(a -> a.target().startsWith("tcp:127.0.0.1:")), bare.toString());
        assertTrue(bare.reached().stream().anyMatch(a -> a.target().startsWith("udp:127.0.0.1:")
                && a.detail().contains("runner's listener received it")), bare.toString());
        assertTrue(bare.reached().stream().anyMatch(a -> a.target().startsWith("unix:")), bare.toString());
    }

    private static ServerSocketChannel listenTcp(String host) throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open();
        s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
        s.configureBlocking(false);
        return s;
    }

    private static DatagramChannel listenUdp(String host) throws IOException {
        InetAddress a = InetAddress.getByName(host);
        DatagramChannel d = DatagramChannel.open(a instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        d.bind(new InetSocketAddress(a, 0));
        d.configureBlocking(false);
        return d;
    }

    private static ServerSocketChannel listenUnix(Path path) throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(path));
        s.configureBlocking(false);
        return s;
    }

    private static int port(java.nio.channels.NetworkChannel c) throws IOException {
        return ((InetSocketAddress) c.getLocalAddress()).getPort();
    }
}
