package dev.hermeticbuild.artifacts;

import dev.hermeticbuild.InputException;
import java.util.List;

/**
 * The files a step's {@code artifacts} pattern picked in a workspace. A pattern that matches
 * nothing is a mistake to report, not an empty success: nothing would be signed or attested.
 */
public final class Selection {

    private Selection() {
    }

    /** Returns {@code matched} (relative paths, sorted), or fails naming the pattern that matched nothing. */
    public static List<String> require(String pattern, List<String> matched) {
        if (pattern == null || pattern.isBlank()) {
            throw new InputException("artifacts: give a pattern, e.g. artifacts: 'dist/*.tar.gz'");
        }
        if (matched.isEmpty()) {
            throw new InputException("no file in the workspace matches '" + pattern + "'");
        }
        return matched.stream().sorted().toList();
    }
}
