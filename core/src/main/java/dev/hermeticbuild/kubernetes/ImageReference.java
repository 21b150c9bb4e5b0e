package dev.hermeticbuild.kubernetes;

import dev.hermeticbuild.InputException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image reference, {@code [registry/]path[:tag][@sha256:<64 hex>]}, checked against the
 * OCI distribution reference grammar; {@link #pinned()} when it names its content by digest.
 */
public record ImageReference(String text, String name, Optional<String> tag, Optional<String> digest) {

    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]{1,5})?");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");

    /**
     * Parses {@code text}; {@code what} names where it came from (an option or a JSON path) so that
     * a malformed reference is reported against the input that held it.
     */
    public static ImageReference parse(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new InputException(what + ": empty image reference");
        }
        String rest = text;
        Optional<String> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            String d = rest.substring(at + 1);
            if (!SHA256.matcher(d).matches()) {
                throw new InputException(what + " " + text + ": malformed digest '" + d
                        + "': expected sha256: followed by 64 lower-case hex digits");
            }
            digest = Optional.of(d);
            rest = rest.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            String t = rest.substring(colon + 1);
            if (!TAG.matcher(t).matches()) {
                throw new InputException(what + " " + text + ": malformed tag '" + t + "'");
            }
            tag = Optional.of(t);
            rest = rest.substring(0, colon);
        }
        checkName(rest, text, what);
        return new ImageReference(text, rest, tag, digest);
    }

    private static void checkName(String name, String text, String what) {
        if (name.isEmpty() || name.length() > 255) {
            throw new InputException(what + " " + text + ": malformed image name");
        }
        String[] parts = name.split("/", -1);
        int first = 0;
        if (parts.length > 1 && (parts[0].contains(".") || parts[0].contains(":") || parts[0].equals("localhost"))) {
            if (!DOMAIN.matcher(parts[0]).matches()) {
                throw new InputException(what + " " + text + ": malformed registry host '" + parts[0] + "'");
            }
            first = 1;
        }
        for (int i = first; i < parts.length; i++) {
            if (!PATH_COMPONENT.matcher(parts[i]).matches()) {
                throw new InputException(what + " " + text + ": malformed image name component '" + parts[i]
                        + "' (lower-case letters, digits and . _ - separators)");
            }
        }
    }

    /** Whether the reference names its content by sha256 digest, so every pull gets the same bytes. */
    public boolean pinned() {
        return digest.isPresent();
    }

    @Override
    public String toString() {
        return text;
    }
}
