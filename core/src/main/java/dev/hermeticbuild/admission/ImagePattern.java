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

    /**
     * Parses {@code glob}; {@code what} names it in the error. It is read as an image name is
     * ({@code nginx} is {@code docker.io/library/nginx}); the registry host has no wildcard
     * ({@code *example.com/**} would match {@code evilexample.com}), and {@code **} stands only for
     * whole components ({@code registry.example.com**} would match {@code registry.example.com.evil.net}).
     */
    public static ImagePattern parse(String glob, String what) {
        if (glob == null || !ALLOWED.matcher(glob).matches() || glob.lastIndexOf(':') > glob.indexOf('/')) {
            throw new InputException(what + " '" + glob + "': an image pattern is registry/repository with * and **"
                    + " (lower-case letters, digits, . _ : / -; no tag or digest)");
        }
        String canonical = canonicalName(glob);
        int slash = canonical.indexOf('/');
        if (canonical.substring(0, slash).contains("*")) {
            throw new InputException(what + " '" + glob + "': write the registry host out (e.g. registry.example.com/team/**):"
                    + " a wildcard in it could match another registry");
        }
        for (String component : canonical.substring(slash + 1).split("/", -1)) {
            if (component.isEmpty() || component.contains("**") && !component.equals("**")) {
                throw new InputException(what + " '" + glob + "': '" + component + "': ** stands for whole path components only"
                        + " (team/**, not team**), and no component may be empty");
            }
        }
        return new ImagePattern(canonical, Pattern.compile(Globs.regex(canonical, '/')));
    }

    /** Whether the repository of {@code image} matches. */
    public boolean matches(ImageReference image) {
        return regex.matcher(canonicalName(image.name())).matches();
    }

    /**
     * {@code name} as one registry names it: {@code docker.io/} added when it has no registry host,
     * {@code library/} for a single Docker Hub component; the host lower-cased, {@code :443} dropped,
     * and Docker Hub's other host names ({@code index.docker.io}, {@code registry-1.docker.io}) as
     * {@code docker.io}, so every spelling of one image meets the same rule.
     */
    public static String canonicalName(String name) {
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        if (slash < 0 || !(first.contains(".") || first.contains(":") || first.equalsIgnoreCase("localhost"))) {
            return "docker.io/" + (slash < 0 ? "library/" : "") + name;
        }
        String host = first.toLowerCase(java.util.Locale.ROOT);
        if (host.endsWith(":443")) {
            host = host.substring(0, host.length() - 4);
        }
        if (host.equals("index.docker.io") || host.equals("registry-1.docker.io")) {
            host = "docker.io";
        }
        String rest = name.substring(slash + 1);
        if (host.equals("docker.io") && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        return host + "/" + rest;
    }

    @Override
    public String toString() {
        return glob;
    }
}
