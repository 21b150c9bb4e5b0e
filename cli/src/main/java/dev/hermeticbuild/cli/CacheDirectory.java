package dev.hermeticbuild.cli;

import java.nio.file.Path;

/** Where the dependency cache lives by default: {@code $XDG_CACHE_HOME/hermetic}, else {@code ~/.cache/hermetic}. */
final class CacheDirectory {

    private CacheDirectory() {
    }

    static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "hermetic") : Path.of(System.getProperty("user.home"), ".cache", "hermetic");
    }
}
