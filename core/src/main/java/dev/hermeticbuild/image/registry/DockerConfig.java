package dev.hermeticbuild.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import dev.hermeticbuild.bundle.StrictJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The registry logins of a Docker {@code config.json} (what {@code docker login} writes, and the
 * {@code .dockerconfigjson} of a Kubernetes image pull secret): {@code auths} entries with
 * {@code auth} (base64 of {@code user:password}) or {@code username} and {@code password}.
 * Credential helpers and identity tokens are refused: nothing outside this file is run or read.
 */
public final class DockerConfig {

    private DockerConfig() {
    }

    /** The credentials per registry ({@code host[:port]}, lower case; Docker Hub as {@code docker.io}) in {@code file}. */
    public static Map<String, RegistryCredentials> read(Path file) {
        String what = "registry auth file " + Printable.escape(file);
        JsonNode root;
        try {
            root = StrictJson.parse(StrictJson.readCapped(file, what), what);
        } catch (dev.hermeticbuild.bundle.MalformedBundleException e) {
            // the parser's own message may quote the file, which holds passwords
            throw new InputException(what + ": not valid JSON (or over the size limit)");
        }
        if (!root.isObject()) {
            throw new InputException(what + ": expected a JSON object with \"auths\" (a Docker config.json)");
        }
        JsonNode auths = root.has("auths") ? root.get("auths") : root;
        if (!auths.isObject()) {
            throw new InputException(what + ": \"auths\" must be an object of registry to login");
        }
        Map<String, RegistryCredentials> credentials = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String registry = registryOf(e.getKey(), what);
            credentials.put(registry, login(e.getValue(), what + ", registry " + Printable.escape(registry)));
        }
        if (root.has("credHelpers") || root.has("credsStore")) {
            JsonNode helpers = root.path("credHelpers");
            for (Iterator<String> names = helpers.fieldNames(); names.hasNext(); ) {
                String registry = registryOf(names.next(), what);
                if (!credentials.containsKey(registry)) {
                    throw new InputException(what + ": registry " + Printable.escape(registry) + " is left to a credential helper,"
                            + " which is not run; give its login in \"auths\" (e.g. a Kubernetes image pull secret's .dockerconfigjson)");
                }
            }
        }
        return Map.copyOf(credentials);
    }

    /** {@code host[:port]} of an {@code auths} key ({@code https://host/v1/} and bare hosts alike). */
    static String registryOf(String key, String what) {
        String k = key.strip().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "");
        int slash = k.indexOf('/');
        if (slash >= 0) {
            k = k.substring(0, slash);
        }
        if (k.endsWith(":443")) {
            k = k.substring(0, k.length() - 4);
        }
        if (k.equals("index.docker.io") || k.equals("registry-1.docker.io") || k.equals("registry.hub.docker.com")) {
            k = "docker.io";
        }
        if (!k.matches("[a-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9a-f:]+\\](:[0-9]{1,5})?")) {
            throw new InputException(what + ": \"" + Printable.escape(key) + "\" is not a registry host");
        }
        return k;
    }

    private static RegistryCredentials login(JsonNode entry, String what) {
        if (!entry.isObject()) {
            throw new InputException(what + ": expected an object with \"auth\" or \"username\" and \"password\"");
        }
        if (entry.hasNonNull("identitytoken") || entry.hasNonNull("registrytoken")) {
            throw new InputException(what + ": identity and registry tokens are not supported; give \"auth\" or"
                    + " \"username\" and \"password\"");
        }
        if (entry.hasNonNull("auth") && !entry.get("auth").asText().isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(entry.get("auth").asText().strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InputException(what + ": \"auth\" is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw new InputException(what + ": \"auth\" must be base64 of user:password");
            }
            return new RegistryCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        if (entry.hasNonNull("username") && entry.hasNonNull("password")) {
            return new RegistryCredentials(entry.get("username").asText(), entry.get("password").asText());
        }
        throw new InputException(what + ": no login: expected \"auth\" or \"username\" and \"password\"");
    }
}
