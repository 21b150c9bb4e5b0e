package dev.hermeticbuild.artifacts;

import dev.hermeticbuild.InputException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;

/**
 * An {@code --output} pattern, relative to the workspace: {@code *} within a directory,
 * {@code **} across directories. Absolute patterns and {@code ..} segments are refused: an
 * output can only ever name a file inside the workspace.
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
    }

    /** The leading directories that hold no wildcard: where the search starts. */
    public Path literalPrefix() {
        String[] segments = pattern.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < segments.length - 1; i++) {
            if (segments[i].matches(".*[*?\\[{].*")) {
                break;
            }
            prefix.append(segments[i]).append('/');
        }
        return Path.of(prefix.isEmpty() ? "." : prefix.toString());
    }

    public PathMatcher matcher() {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }
}
