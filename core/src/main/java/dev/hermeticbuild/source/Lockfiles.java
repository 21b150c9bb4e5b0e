package dev.hermeticbuild.source;

import dev.hermeticbuild.digest.Sha256;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the dependency lockfiles at the workspace root and digests them: part of what went in. */
public final class Lockfiles {

    /** Lockfile names recognised, by ecosystem. */
    public static final List<String> NAMES = List.of(
            "hermetic.lock", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml",
            "go.sum", "Cargo.lock", "requirements.txt", "poetry.lock", "Pipfile.lock", "uv.lock",
            "Gemfile.lock", "composer.lock", "gradle.lockfile", "flake.lock");

    /** A lockfile and the sha256 of its bytes. */
    public record Lockfile(String name, String sha256) {
    }

    private Lockfiles() {
    }

    public static List<Lockfile> find(Path workspace) {
        List<Lockfile> found = new ArrayList<>();
        for (String name : NAMES) {
            Path file = workspace.resolve(name);
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                found.add(new Lockfile(name, Sha256.ofFile(file)));
            }
        }
        return found;
    }
}
