package dev.hermeticbuild.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The probe that runs inside the sandbox before the build: it tries each target the runner
 * names and prints one line per attempt ({@code TARGET<TAB>reached|blocked<TAB>detail}), after a
 * line with its own no_new_privs and seccomp state as the kernel reports them. It
 * depends on nothing but the JDK so it can run from the bare classpath mounted read-only.
 *
 * <p>Targets: {@code tcp:HOST:PORT}, {@code udp:HOST:PORT} (sends one datagram; the runner
 * decides whether it arrived), {@code unix:PATH}, {@code route:HOST:PORT} (a UDP connect, which
 * only looks up a route and sends nothing).
 */
public final class EgressProbe {

    static final int CONNECT_TIMEOUT_MILLIS = 1000;

    private EgressProbe() {
    }

    /** The first line of output: the probe's own NoNewPrivs and Seccomp fields from /proc/self/status. */
    static final String STATUS_LINE = "#status";

    public static void main(String[] args) {
        System.out.println(STATUS_LINE + "\t" + statusField("NoNewPrivs") + "\t" + statusField("Seccomp"));
        for (String target : args) {
            System.out.println(target + "\t" + attempt(target));
        }
        System.out.flush();
    }

    private static String statusField(String name) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith(name + ":")) {
                    return line.substring(name.length() + 1).strip();
                }
            }
            return "absent";
        } catch (IOException e) {
            return "unreadable";
        }
    }

    static String attempt(String target) {
        int colon = target.indexOf(':');
        String kind = target.substring(0, colon);
        String rest = target.substring(colon + 1);
        try {
            return switch (kind) {
                case "tcp" -> tcp(address(rest));
                case "udp" -> udp(address(rest), rest);
                case "route" -> route(address(rest));
                case "unix" -> unix(rest);
                default -> "blocked\tunknown target kind " + kind;
            };
        } catch (IOException | RuntimeException e) {
            return "blocked\t" + describe(e);
        }
    }

    private static String tcp(InetSocketAddress address) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, CONNECT_TIMEOUT_MILLIS);
            return "reached\tconnected";
        }
    }

    private static String udp(InetSocketAddress address, String nonce) throws IOException {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.send(ByteBuffer.wrap(("hermetic-probe " + nonce).getBytes(StandardCharsets.UTF_8)), address);
            return "sent\tdatagram sent; the runner checks whether it arrived";
        }
    }

    private static String route(InetSocketAddress address) throws IOException {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.connect(address);
            return "reached\ta route exists";
        }
    }

    private static String unix(String path) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(path));
            return "reached\tconnected";
        }
    }

    static InetSocketAddress address(String hostPort) throws IOException {
        int split = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, split);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(hostPort.substring(split + 1)));
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage().replace('\t', ' ').replace('\n', ' ');
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
