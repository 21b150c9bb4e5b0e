package dev.hermeticbuild.artifacts;

import dev.hermeticbuild.InputException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Optional;

/**
 * An {@code --output} pattern, relative to the workspace, as Ant and Gradle read one
 * ({@link GlobPattern}): {@code *} within a directory, {@code **} zero or more directories, a
 * directory (with or without a trailing {@code /}) everything under it. Absolute patterns and
 * {@code ..} segments are refused before anything runs: an output can only ever name a file
 * inside the workspace.
 */
public record OutputGlob(String pattern) {

    public OutputGlob {
        if (pattern == null || pattern.isBlank()) {
            throw new InputException("--output: an empty pattern matches nothing");
        }
        if (pattern.startsWith("/")) {
            throw new InputException("--output '" + pattern + "': absolute paths are not allowed; outputs are relative to the workspace");
        }
        for (String segment : pattern.split("/")) {
            if (segment.equals("..")) {
                throw new InputException("--output '" + pattern + "': '..' escapes the workspace");
            }
        }
        if (pattern.contains("\\") || pattern.indexOf('\0') >= 0) {
            throw new InputException("--output '" + pattern + "': backslashes and NUL are not allowed");
        }
        if (GlobPattern.names(pattern).isEmpty()) {
            throw new InputException("--output '" + pattern + "' names the workspace itself; name files or a directory inside it ('**' is every file)");
        }
        try {
            GlobPattern.compile(pattern);
        } catch (IllegalArgumentException e) {
            throw new InputException("--output '" + pattern + "': " + e.getMessage(), e);
        }
    }

    /** The leading directories that hold no wildcard: where the search starts. */
    public Path literalPrefix() {
        List<String> names = GlobPattern.names(pattern);
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < names.size() - 1; i++) {
            if (GlobPattern.hasWildcard(names.get(i))) {
                break;
            }
            prefix.append(names.get(i)).append('/');
        }
        return Path.of(prefix.isEmpty() ? "." : prefix.toString());
    }

    /** Whether the pattern is one path without wildcards (a file, or a directory that stands for all under it). */
    public boolean literal() {
        return !GlobPattern.hasWildcard(pattern) && !pattern.endsWith("/");
    }

    /** The one path a literal pattern names, without {@code .} or empty segments ({@code ./dist//a} is {@code dist/a}). */
    public Optional<String> literalPath() {
        return literal() ? Optional.of(String.join("/", GlobPattern.names(pattern))) : Optional.empty();
    }

    /** The pattern naming everything under this one, read as a directory. */
    public OutputGlob underDirectory() {
        return new OutputGlob(pattern.endsWith("/") ? pattern + "**" : pattern + "/**");
    }

    /** Matches paths relative to the workspace. */
    public PathMatcher matcher() {
        GlobPattern glob = GlobPattern.compile(pattern);
        return glob::matches;
    }
}
