package dev.hermeticbuild.image.registry;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image reference {@code REGISTRY/REPOSITORY[:TAG][@sha256:HEX]}. The registry part is always
 * explicit (no default registry). A tag is kept only to print it: identity is the digest alone.
 *
 * @param registry   {@code host[:port]}
 * @param repository the repository path, e.g. {@code team/app}
 * @param tag        the tag, if given; never trusted as identity
 * @param sha256     the manifest digest (lower-case hex), if pinned
 */
public record ImageRef(String registry, String repository, Optional<String> tag, Optional<String> sha256) {

    private static final Pattern REGISTRY = Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:]+\\])(?::[0-9]{1,5})?");
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SPLIT = Pattern.compile("^([^/]+)/([^:@]+)(?::([^@]*))?(?:@(.*))?$");

    public ImageRef {
        tag.ifPresent(t -> {
            if (!TAG.matcher(t).matches()) {
                throw new InputException("image tag '" + Printable.escape(t) + "' is not a valid tag");
            }
        });
        sha256.ifPresent(d -> {
            if (!HEX.matcher(d).matches()) {
                throw new InputException("image digest '" + Printable.escape(d) + "' is not 64 lower-case hex digits");
            }
        });
    }

    /** Parses {@code text}; {@code option} names where it came from in errors (e.g. {@code --image}). */
    public static ImageRef parse(String text, String option) {
        Matcher m = SPLIT.matcher(text);
        if (!m.matches()) {
            throw new InputException(option + " '" + Printable.escape(text) + "': not an image reference;"
                    + " write REGISTRY/REPOSITORY[@sha256:DIGEST], e.g. registry.example.com/team/app@sha256:…");
        }
        String registry = m.group(1);
        if (!REGISTRY.matcher(registry).matches() || !(registry.contains(".") || registry.contains(":")
                || registry.equals("localhost"))) {
            throw new InputException(option + " '" + Printable.escape(text) + "': '" + Printable.escape(registry)
                    + "' is not a registry host; the registry must be explicit (host, host:port or a dotted name)");
        }
        int colon = registry.lastIndexOf(':');
        if (colon > registry.lastIndexOf(']') && (Integer.parseInt(registry.substring(colon + 1)) == 0
                || Integer.parseInt(registry.substring(colon + 1)) > 65535)) {
            throw new InputException(option + " '" + Printable.escape(text) + "': port " + registry.substring(colon + 1)
                    + " is not a TCP port (1-65535)");
        }
        String repository = m.group(2);
        for (String component : repository.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new InputException(option + " '" + Printable.escape(text) + "': repository path component '"
                        + Printable.escape(component) + "' must be lower-case letters and digits separated by . _ or -");
            }
        }
        if (repository.length() > 255) {
            throw new InputException(option + ": repository name is over 255 characters");
        }
        Optional<String> tag = Optional.ofNullable(m.group(3));
        Optional<String> digest = Optional.ofNullable(m.group(4)).map(d -> {
            if (!d.startsWith("sha256:")) {
                throw new InputException(option + " '" + Printable.escape(text) + "': only sha256 digests are accepted"
                        + " (@sha256:<64 hex digits>)");
            }
            return d.substring("sha256:".length());
        });
        try {
            return new ImageRef(registry, repository, tag, digest);
        } catch (InputException e) {
            throw new InputException(option + " '" + Printable.escape(text) + "': " + e.getMessage());
        }
    }

    /** Whether the reference names a digest. */
    public boolean pinned() {
        return sha256.isPresent();
    }

    /** This reference, refused unless pinned by digest; the message says how to pin. */
    public ImageRef requirePinned(String option) {
        if (!pinned()) {
            throw new InputException(option + " '" + Printable.escape(this) + "' is not pinned by digest: a tag can be"
                    + " moved, so it is never identity. Pin it as " + registry + "/" + repository
                    + "@sha256:<manifest digest> (printed by hermetic push)");
        }
        return this;
    }

    /** The same repository at {@code digest} (hex), without a tag. */
    public ImageRef at(String digestHex) {
        return new ImageRef(registry, repository, Optional.empty(), Optional.of(digestHex));
    }

    /** {@code sha256:HEX}; only for a pinned reference. */
    public String digest() {
        return "sha256:" + sha256.orElseThrow(() -> new IllegalStateException(this + " is not pinned"));
    }

    @Override
    public String toString() {
        return registry + "/" + repository + tag.map(t -> ":" + t).orElse("") + sha256.map(d -> "@sha256:" + d).orElse("");
    }
}
