package dev.hermeticbuild.sandbox;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * The runner's side of the egress probe: listeners on the host (TCP and UDP on IPv4 and IPv6
 * loopback, Unix sockets in /tmp and /run) that the probe in
 * the sandbox tries to reach, plus route-only targets (name resolvers, a documentation
 * address standing for "the internet") for which nothing is ever sent.
 */
final class EgressListeners implements AutoCloseable {

    /** A target the probe is given, and how the runner learns whether it was reached. */
    record Target(String spec, String description, NetworkChannel listener, Path socketFile) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Target> targets = new ArrayList<>();

    EgressListeners() {
        try {
            tcp(InetAddress.getByName("127.0.0.1"), "TCP to a host listener on IPv4 loopback");
            udp(InetAddress.getByName("127.0.0.1"), "UDP to a host listener on IPv4 loopback");
            if (ipv6LoopbackWorks()) {
                tcp(InetAddress.getByName("::1"), "TCP to a host listener on IPv6 loopback");
                udp(InetAddress.getByName("::1"), "UDP to a host listener on IPv6 loopback");
            }
            for (String dir : List.of("/tmp", "/run", System.getProperty("java.io.tmpdir"))) {
                unix(Path.of(dir));
            }
            for (InetAddress resolver : ResolvConf.nameservers()) {
                route(resolver, 53, "a route to the name resolver " + resolver.getHostAddress());
            }
            route(InetAddress.getByName("192.0.2.1"), 9, "a default route (IPv4)");
            route(InetAddress.getByName("2001:db8::1"), 9, "a default route (IPv6)");
        } catch (IOException e) {
            close();
            throw new IsolationException("cannot open the egress probe's host listeners: " + e.getMessage(), e);
        }
    }

    List<Target> targets() {
        return Collections.unmodifiableList(targets);
    }

    /** Whether the runner saw a connection or datagram arrive at this target's listener. */
    boolean observedArrival(Target target) {
        try {
            if (target.listener() instanceof ServerSocketChannel server) {
                var accepted = server.accept();
                if (accepted != null) {
                    accepted.close();
                    return true;
                }
                return false;
            }
            if (target.listener() instanceof DatagramChannel datagrams) {
                return datagrams.receive(ByteBuffer.allocate(512)) != null;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private void tcp(InetAddress address, String description) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(address, 0));
        server.configureBlocking(false);
        targets.add(new Target("tcp:" + hostPort(server.getLocalAddress()), description, server, null));
    }

    private void udp(InetAddress address, String description) throws IOException {
        DatagramChannel channel = DatagramChannel.open(address instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        channel.bind(new InetSocketAddress(address, 0));
        channel.configureBlocking(false);
        targets.add(new Target("udp:" + hostPort(channel.getLocalAddress()), description, channel, null));
    }

    private void unix(Path dir) throws IOException {
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)
                || targets.stream().anyMatch(t -> t.socketFile() != null && t.socketFile().getParent().equals(dir))) {
            return;
        }
        Path file = dir.resolve("hermetic-probe-" + randomHex() + ".sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(file));
        server.configureBlocking(false);
        targets.add(new Target("unix:" + file, "a Unix socket listening in the host's " + dir, server, file));
    }

    private static String randomHex() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private void route(InetAddress address, int port, String description) {
        targets.add(new Target("route:" + hostPort(new InetSocketAddress(address, port)), description, null, null));
    }

    private static String hostPort(SocketAddress address) {
        InetSocketAddress inet = (InetSocketAddress) address;
        String host = inet.getAddress().getHostAddress();
        if (inet.getAddress() instanceof Inet6Address) {
            int scope = host.indexOf('%');
            host = "[" + (scope >= 0 ? host.substring(0, scope) : host) + "]";
        }
        return host + ":" + inet.getPort();
    }

    private static boolean ipv6LoopbackWorks() {
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        for (Target t : targets) {
            try {
                if (t.listener() != null) {
                    t.listener().close();
                }
                if (t.socketFile() != null) {
                    Files.deleteIfExists(t.socketFile());
                }
            } catch (IOException e) {
                // best effort: a stale socket file in /tmp is harmless
            }
        }
    }
}
