package dev.hermeticbuild.admission;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.kubernetes.ImageReference;
import java.util.regex.Pattern;

/**
 * A glob over an image's {@code registry/repository}: {@code *} matches within one path component,
 * {@code **} across components, e.g. {@code registry.example.com/team/**}. Names are compared in
 * their canonical form ({@link #canonicalName}), so {@code nginx} is {@code docker.io/library/nginx}.
 */
public record ImagePattern(String glob, Pattern regex) {

    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9._:/*-]+");

    /** Parses {@code glob}; {@code what} names it in the error. */
    public static ImagePattern parse(String glob, String what) {
        if (glob == null || !ALLOWED.matcher(glob).matches() || glob.lastIndexOf(':') > glob.indexOf('/')) {
            throw new InputException(what + " '" + glob + "': an image pattern is registry/repository with * and **"
                    + " (lower-case letters, digits, . _ : / -; no tag or digest)");
        }
        return new ImagePattern(glob, Pattern.compile(Globs.regex(glob, '/')));
    }

    /** Whether the repository of {@code image} matches. */
    public boolean matches(ImageReference image) {
        return regex.matcher(canonicalName(image.name())).matches();
    }

    /** {@code name} with its registry: {@code docker.io/} added when it has none, {@code library/} for a single component. */
    public static String canonicalName(String name) {
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        if (slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"))) {
            return name;
        }
        return "docker.io/" + (slash < 0 ? "library/" : "") + name;
    }

    @Override
    public String toString() {
        return glob;
    }
}
