package dev.hermeticbuild.sbom.maven;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one resolution may read (the project's directory and the repository view, as real paths)
 * and the problems it met on the way. Shared by the pieces that confine Maven's own file access.
 */
final class ResolutionBounds {

    private final List<Path> roots;
    private final MavenGraphLimits limits;
    private final List<String> problems = new ArrayList<>();
    private String refusal;

    ResolutionBounds(List<Path> roots, MavenGraphLimits limits) {
        this.roots = List.copyOf(roots);
        this.limits = limits;
    }

    MavenGraphLimits limits() {
        return limits;
    }

    /** Whether {@code path} lies inside a root, both as written and, if it exists, after following links. */
    boolean allows(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        if (roots.stream().noneMatch(abs::startsWith)) {
            return false;
        }
        if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try {
            Path real = abs.toRealPath();
            return roots.stream().anyMatch(real::startsWith);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    synchronized void problem(String text) {
        if (!problems.contains(text)) {
            problems.add(text);
        }
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** Records why the resolution must be refused (the first reason wins); the caller throws after the collector returns. */
    synchronized void refuse(String reason) {
        if (refusal == null) {
            refusal = reason;
        }
    }

    synchronized Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }
}
