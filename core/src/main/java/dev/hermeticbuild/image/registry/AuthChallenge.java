package dev.hermeticbuild.image.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code WWW-Authenticate} challenge of a registry's 401 (RFC 7235): {@code Basic}, or
 * {@code Bearer} with the token service's {@code realm}, {@code service} and {@code scope}, as the
 * distribution token specification has registries send it.
 */
record AuthChallenge(String scheme, Map<String, String> parameters) {

    AuthChallenge {
        parameters = Map.copyOf(parameters);
    }

    boolean basic() {
        return scheme.equals("basic");
    }

    boolean bearer() {
        return scheme.equals("bearer");
    }

    Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** The first Basic or Bearer challenge among a 401's {@code WWW-Authenticate} values; empty when none is readable. */
    static Optional<AuthChallenge> first(List<String> headerValues) {
        for (String value : headerValues) {
            Optional<AuthChallenge> c = parse(value);
            if (c.isPresent() && (c.get().basic() || c.get().bearer())) {
                return c;
            }
        }
        return Optional.empty();
    }

    /** Parses {@code Scheme name="value", name=token, ...}; empty when the value is not one challenge of that form. */
    static Optional<AuthChallenge> parse(String value) {
        String v = value.strip();
        int space = v.indexOf(' ');
        String scheme = (space < 0 ? v : v.substring(0, space)).toLowerCase(Locale.ROOT);
        if (!scheme.matches("[a-z0-9!#$%&'*+.^_`|~-]+")) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        int i = space < 0 ? v.length() : space + 1;
        while (i < v.length()) {
            while (i < v.length() && (v.charAt(i) == ' ' || v.charAt(i) == ',')) {
                i++;
            }
            int eq = v.indexOf('=', i);
            if (i >= v.length()) {
                break;
            }
            if (eq < 0) {
                return Optional.empty();
            }
            String name = v.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder val = new StringBuilder();
            if (i < v.length() && v.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < v.length()) {
                    char c = v.charAt(i++);
                    if (c == '\\' && i < v.length()) {
                        val.append(v.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        val.append(c);
                    }
                }
                if (!closed) {
                    return Optional.empty();
                }
            } else {
                while (i < v.length() && v.charAt(i) != ',') {
                    val.append(v.charAt(i++));
                }
            }
            if (!name.matches("[a-z0-9_-]+") || params.containsKey(name)) {
                return Optional.empty();
            }
            params.put(name, val.toString().strip());
        }
        return Optional.of(new AuthChallenge(scheme, params));
    }
}
