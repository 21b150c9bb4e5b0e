package dev.hermeticbuild.source;

import dev.hermeticbuild.provenance.Toolchain;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A toolchain the runner gave a build, and how: the installation ({@link Toolchain}, digested by
 * the runner), who made it ({@code IMPLEMENTOR} of a JDK), the ways the build finds it
 * ({@code JAVA_HOME}, {@code PATH}), whether the build itself could have shaped it (it lies in
 * the workspace or the build's home), and whether the sandbox showed it read-only.
 */
public record ProvidedToolchain(Toolchain toolchain, Optional<String> vendor, List<String> via, boolean buildControlled,
                                boolean shownReadOnly) {

    /** How a build finds a toolchain: the {@code JAVA_HOME} variable, or the command on {@code PATH}. */
    public static final String VIA_JAVA_HOME = "JAVA_HOME";
    public static final String VIA_PATH = "PATH";

    /** The name prefix of a toolchain's resolved dependency in provenance: {@code toolchain:jdk}, {@code toolchain:node}, ... */
    public static final String DEPENDENCY_PREFIX = "toolchain:";

    public ProvidedToolchain {
        Objects.requireNonNull(toolchain, "toolchain");
        Objects.requireNonNull(vendor, "vendor");
        via = List.copyOf(via);
    }

    /** The same toolchain, also found another way. */
    ProvidedToolchain alsoVia(String how) {
        if (via.contains(how)) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(via);
        all.add(how);
        return new ProvidedToolchain(toolchain, vendor, all, buildControlled, shownReadOnly);
    }
}
