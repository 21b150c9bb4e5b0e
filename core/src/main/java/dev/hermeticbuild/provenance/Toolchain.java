package dev.hermeticbuild.provenance;

import java.util.Map;
import java.util.Objects;

/**
 * A toolchain the build really ran with inside the sandbox (the JDK whose {@code JAVA_HOME} was
 * passed in, a node or go installation): what provenance and SBOM name, and what a rebuild must use.
 *
 * @param kind what it is: {@code jdk}, {@code node}, {@code go}
 * @param version the version the installation itself reports (e.g. {@code java.runtime.version} from its {@code release} file)
 * @param path where it lives on the runner (shown to the sandbox read-only at the same path)
 * @param digest an in-toto digest set over the installation's files ({@code dirHash}-style, sha256), so two runners can compare
 */
public record Toolchain(String kind, String version, String path, Map<String, String> digest) {

    public Toolchain {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(path, "path");
        digest = Map.copyOf(digest);
    }
}
