package dev.hermeticbuild.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A git remote as it may be recorded in signed provenance: an RFC 3986 URI with a {@code git+}
 * scheme, lower-case scheme and host, no credentials, no query or fragment, and no default port.
 * Remotes that cannot be made into such a URI are omitted, with the reason.
 *
 * <p>Credentials are never kept: HTTP(S) user info is dropped entirely (it is where CI puts
 * tokens), an SSH user is kept only when it is the conventional {@code git}.
 *
 * @param uri the URI to record, e.g. {@code git+https://host/org/repo.git}; empty when omitted
 * @param omittedBecause why nothing is recorded, when {@code uri} is empty
 */
public record SourceUri(Optional<String> uri, Optional<String> omittedBecause) {

    /** {@code user@host:path}, git's scp-like syntax (no scheme, a colon before the first slash). */
    private static final Pattern SCP_LIKE = Pattern.compile("(?:([^@/:]+)@)?([^@/:\\[\\]]+|\\[[0-9A-Fa-f:.]+\\]):(?!//)(.*)");
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://.*", Pattern.DOTALL);

    /** The user name an SSH remote may keep: the one every forge uses, which is no secret. */
    private static final String SSH_USER = "git";

    public static SourceUri omitted(String reason) {
        return new SourceUri(Optional.empty(), Optional.of(reason));
    }

    private static SourceUri of(String uri) {
        return new SourceUri(Optional.of(uri), Optional.empty());
    }

    /**
     * Normalises a remote URL as git accepts it ({@code https://…}, {@code ssh://…},
     * {@code user@host:path}, {@code file://…}, a local path, or any of these already prefixed with
     * {@code git+}). A relative local path is omitted, with the reason.
     */
    public static SourceUri fromRemote(String remote) {
        String raw = remote.strip();
        if (raw.isEmpty()) {
            return omitted("the remote URL is empty");
        }
        if (raw.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return omitted("the remote URL contains control characters");
        }
        if (raw.startsWith("git+")) {
            raw = raw.substring(4);
        }
        Matcher scheme = SCHEME.matcher(raw);
        if (scheme.matches()) {
            return fromUri(raw, scheme.group(1).toLowerCase(Locale.ROOT));
        }
        Matcher scp = SCP_LIKE.matcher(raw);
        if (scp.matches() && !raw.startsWith("/") && !raw.startsWith(".")) {
            String path = scp.group(3);
            String user = SSH_USER.equals(scp.group(1)) ? SSH_USER + "@" : "";
            String host = scp.group(2).toLowerCase(Locale.ROOT);
            String absolute = path.startsWith("/") ? path : "/" + path;
            return checked("git+ssh://" + user + host + encodePath(absolute));
        }
        if (raw.contains("://") || raw.contains("\\")) {
            return omitted("the remote URL '" + redactedForMessage(raw) + "' is neither a URL nor a path");
        }
        if (!raw.startsWith("/")) {
            return omitted("the remote '" + redactedForMessage(raw) + "' is a relative local path, which names nothing outside this machine");
        }
        Path local = Path.of(raw).toAbsolutePath().normalize();
        return checked("git+" + local.toUri().toString().replaceFirst("^file:/+", "file:///"));
    }

    private static SourceUri fromUri(String raw, String scheme) {
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            return omitted("the remote URL is not a valid URI (" + e.getReason() + ")");
        }
        return switch (scheme) {
            case "https", "http", "ssh", "git" -> {
                if (uri.getHost() == null) {
                    yield omitted("the remote URL has no host");
                }
                String user = scheme.equals("ssh") && SSH_USER.equals(uri.getUserInfo()) ? SSH_USER + "@" : "";
                String host = uri.getHost().toLowerCase(Locale.ROOT);
                int port = uri.getPort();
                String portPart = port < 0 || port == defaultPort(scheme) ? "" : ":" + port;
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                yield checked("git+" + scheme + "://" + user + host + portPart + path);
            }
            case "file" -> uri.getRawPath() == null ? omitted("the file: remote has no path")
                    : checked("git+file://" + uri.getRawPath());
            default -> omitted("the remote URL uses the unsupported scheme '" + scheme + "'");
        };
    }

    private static SourceUri checked(String candidate) {
        try {
            new URI(candidate).parseServerAuthority();
            return of(candidate);
        } catch (URISyntaxException e) {
            return omitted("the normalised remote is not a valid URI (" + e.getReason() + ")");
        }
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "https" -> 443;
            case "http" -> 80;
            case "ssh" -> 22;
            case "git" -> 9418;
            default -> -1;
        };
    }

    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 0x80 || "/-._~!$&'()*+,;=:@%".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /**
     * The canonical repository a caller states (e.g. {@code --canonical-source}), normalised as a
     * remote is and free of credentials. It must name a repository off this machine: a local
     * path or {@code file:} URI is refused, since no verifier could look it up.
     *
     * @throws dev.hermeticbuild.InputException naming the (redacted) value and what is wrong
     */
    public static String canonical(String given) {
        SourceUri normal = fromRemote(given);
        String what = "canonical source '" + redactedForMessage(given.strip()) + "'";
        String uri = normal.uri().orElseThrow(() -> new dev.hermeticbuild.InputException(
                what + ": " + normal.omittedBecause().orElse("not a repository URL")
                        + "; give the repository's URL, e.g. https://github.com/org/repo.git"));
        if (uri.startsWith("git+file:")) {
            throw new dev.hermeticbuild.InputException(what + ": a local path names nothing outside this machine;"
                    + " give the repository's URL, e.g. https://github.com/org/repo.git");
        }
        return uri;
    }

    /** A remote as it may appear in an error message: everything between "//" and "@" dropped. */
    public static String redactedForMessage(String remote) {
        return remote.replaceAll("(?<=//)[^/@]*@", "").replaceAll("\\?.*$", "");
    }

    /**
     * Whether two recorded (or policy-given) source URIs name the same repository. Both are
     * normalised first; a ref ({@code @refs/...}), a trailing slash and a {@code .git} suffix do
     * not count. HTTPS and SSH remotes match when host and path are equal (GitHub, GitLab,
     * Gitea and Bitbucket Cloud serve one repository under both); {@code http} never matches
     * {@code https}, and any other scheme matches only itself.
     */
    public static boolean sameRepository(String a, String b) {
        Optional<Key> ka = Key.of(a);
        Optional<Key> kb = Key.of(b);
        return ka.isPresent() && ka.equals(kb);
    }

    /** The parts of a source URI that identify a repository. */
    private record Key(String transport, String host, String path) {

        static Optional<Key> of(String uri) {
            String withoutRef = uri.strip().replaceFirst("@refs/.*$", "");
            SourceUri normal = fromRemote(withoutRef);
            if (normal.uri().isEmpty()) {
                return Optional.empty();
            }
            URI u = URI.create(normal.uri().get().substring(4));
            String scheme = u.getScheme();
            String transport = scheme.equals("https") || scheme.equals("ssh") ? "https|ssh" : scheme;
            String host = u.getHost() == null ? "" : u.getHost();
            if (!transport.equals("https|ssh") && u.getPort() >= 0) {
                host += ":" + u.getPort();
            }
            String path = u.getRawPath().replaceAll("/+$", "").replaceFirst("\\.git$", "");
            return Optional.of(new Key(transport, host, path));
        }
    }
}
