package dev.hermeticbuild.sign.keyless;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.bundle.StrictJson;
import dev.hermeticbuild.sign.PassphraseSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where keyless signing goes: a Fulcio CA, a Rekor log, the trusted root that vouches for both
 * (Sigstore trusted_root.json), and where the OIDC identity token comes from (an environment
 * variable or a file, never the command line). URLs must be https, or http on a loopback host.
 */
public record KeylessConfig(URI fulcioUrl, URI rekorUrl, Path trustedRoot, PassphraseSource oidcToken) {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    public KeylessConfig {
        checkUrl(fulcioUrl, "--fulcio-url");
        checkUrl(rekorUrl, "--rekor-url");
        if (!Files.isRegularFile(trustedRoot)) {
            throw new InputException("--trusted-root " + trustedRoot + ": no such file");
        }
        if (!oidcToken.isPresent()) {
            throw new InputException("keyless signing needs an OIDC token: --oidc-token-env NAME or --oidc-token-file FILE");
        }
    }

    /**
     * Builds a configuration from command-line values, naming every missing one at once.
     *
     * @param fulcio Fulcio base URL, or null
     * @param rekor  Rekor base URL, or null
     * @param root   trusted root file, or null
     */
    public static KeylessConfig of(String fulcio, String rekor, Path root, PassphraseSource token) {
        List<String> missing = new ArrayList<>();
        if (fulcio == null) {
            missing.add("--fulcio-url");
        }
        if (rekor == null) {
            missing.add("--rekor-url");
        }
        if (root == null) {
            missing.add("--trusted-root");
        }
        if (!token.isPresent()) {
            missing.add("--oidc-token-env or --oidc-token-file");
        }
        if (!missing.isEmpty()) {
            throw new InputException("keyless signing is not configured: missing " + String.join(", ", missing));
        }
        return new KeylessConfig(parse(fulcio, "--fulcio-url"), parse(rekor, "--rekor-url"), root, token);
    }

    /** The OIDC identity token. */
    public String token() {
        return new String(oidcToken.read().orElseThrow()).strip();
    }

    /** A Sigstore SigningConfig v0.2 naming exactly this Fulcio and this Rekor (no TSA). */
    public byte[] signingConfigJson() {
        ObjectNode root = StrictJson.mapper().createObjectNode();
        root.put("mediaType", "application/vnd.dev.sigstore.signingconfig.v0.2+json");
        service(root.putArray("caUrls"), fulcioUrl);
        root.putArray("oidcUrls");
        service(root.putArray("rekorTlogUrls"), rekorUrl);
        root.putObject("rekorTlogConfig").put("selector", "ANY");
        root.putArray("tsaUrls");
        root.putObject("tsaConfig").put("selector", "ANY");
        return StrictJson.write(root);
    }

    private static void service(ArrayNode list, URI url) {
        ObjectNode s = list.addObject();
        s.put("url", url.toString());
        s.put("majorApiVersion", 1);
        s.putObject("validFor").put("start", "1970-01-01T00:00:00Z");
        s.put("operator", url.getHost());
    }

    private static URI parse(String text, String option) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new InputException(option + " " + text + ": not a URL (" + e.getReason() + ")");
        }
    }

    private static void checkUrl(URI url, String option) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() == null || !(scheme.equals("https")
                || (scheme.equals("http") && LOOPBACK.contains(url.getHost())))) {
            throw new InputException(option + " " + url + ": must be an https URL (http only on a loopback host)");
        }
    }
}
