package dev.hermeticbuild.kubernetes;

import dev.hermeticbuild.InputException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A network endpoint given as {@code HOST:PORT} (an IPv4 address, a bracketed IPv6 address, or a
 * DNS name). An in-cluster service name {@code NAME.NAMESPACE.svc[.cluster-domain]} is recognised
 * so that a NetworkPolicy can select its namespace.
 */
public record HostPort(String host, int port) {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern SERVICE = Pattern.compile("([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\\.([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\\.svc(?:\\..+)?");

    /** Parses {@code text}; {@code option} (e.g. {@code --controller}) names the input in errors. */
    public static HostPort parse(String text, String option) {
        String bad = option + " " + text + ": expected HOST:PORT (an IP address or DNS name, then a port 1-65535)";
        if (text == null) {
            throw new InputException(bad);
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new InputException(bad);
        }
        String host = text.substring(0, colon);
        String portText = text.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
            if (!IPV6.matcher(host).matches() || !host.contains(":")) {
                throw new InputException(bad);
            }
        } else if (host.contains(":") || !(IPV4.matcher(host).matches() || DNS_NAME.matcher(host.toLowerCase(java.util.Locale.ROOT)).matches())) {
            throw new InputException(bad);
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new InputException(bad);
        }
        if (port < 1 || port > 65535) {
            throw new InputException(bad);
        }
        return new HostPort(host.toLowerCase(java.util.Locale.ROOT), port);
    }

    /** Whether the host is an IP address literal (no name resolution needed). */
    public boolean isIpLiteral() {
        return IPV4.matcher(host).matches() || host.contains(":");
    }

    /** The host as a single-address CIDR block: {@code /32} for IPv4, {@code /128} for IPv6. */
    public String hostCidr() {
        return host + (host.contains(":") ? "/128" : "/32");
    }

    /** The namespace of an in-cluster service name ({@code NAME.NAMESPACE.svc...}), if it is one. */
    public Optional<String> serviceNamespace() {
        Matcher m = SERVICE.matcher(host);
        return m.matches() ? Optional.of(m.group(2)) : Optional.empty();
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
