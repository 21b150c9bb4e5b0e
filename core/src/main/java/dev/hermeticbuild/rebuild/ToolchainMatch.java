package dev.hermeticbuild.rebuild;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import dev.hermeticbuild.provenance.Toolchain;
import dev.hermeticbuild.sandbox.BuildEnvironment;
import dev.hermeticbuild.sandbox.SandboxSpec;
import dev.hermeticbuild.source.InstallationDigest;
import dev.hermeticbuild.source.ProvidedToolchain;
import dev.hermeticbuild.source.ToolchainLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds, on the rebuilder, the installation of every toolchain a provenance records: the one at
 * the recorded path, or one the rebuilder names with {@code --toolchain KIND=PATH}, whichever has
 * the recorded digest (computed here, never taken on trust). The provenance can only point at
 * the system directories every sandbox shows anyway; anywhere else the rebuilder must name the
 * path itself. Without a match the rebuild is refused, naming both digests.
 */
public final class ToolchainMatch {

    /**
     * How the rebuild is given the matched toolchains.
     *
     * @param environment variables whose value is a matched installation ({@code JAVA_HOME})
     * @param pathPrefix directories to put before the sandbox's fixed PATH, so PATH finds a matched installation first
     * @param matched what was matched, for each recorded toolchain
     */
    public record Choice(Map<String, String> environment, List<Path> pathPrefix, List<Toolchain> matched) {
        public Choice {
            environment = Map.copyOf(environment);
            pathPrefix = List.copyOf(pathPrefix);
            matched = List.copyOf(matched);
        }

        /** The fixed PATH with the prefix in front, when there is one. */
        public Optional<String> path() {
            if (pathPrefix.isEmpty()) {
                return Optional.empty();
            }
            List<String> dirs = new ArrayList<>(pathPrefix.stream().map(Path::toString).toList());
            dirs.add(BuildEnvironment.PATH);
            return Optional.of(String.join(":", dirs));
        }
    }

    private ToolchainMatch() {
    }

    /** Matches each of {@code recorded} to an installation here; {@code mapped} are the rebuilder's {@code --toolchain} paths by kind. */
    public static Choice choose(List<ProvidedToolchain> recorded, Map<String, List<Path>> mapped) {
        Map<String, String> environment = new LinkedHashMap<>();
        List<Path> prefix = new ArrayList<>();
        List<Toolchain> matched = new ArrayList<>();
        for (ProvidedToolchain t : recorded) {
            Toolchain want = t.toolchain();
            ToolchainLocator.Kind kind = ToolchainLocator.Kind.of(want.kind()).orElseThrow(() -> new InputException(
                    "the provenance records a toolchain of kind " + Printable.escape(want.kind()) + ", which this rebuilder does not know"));
            if (t.buildControlled()) {
                throw new ToolchainUnavailableException("toolchain " + want.kind() + " at " + Printable.escape(want.path())
                        + " was build-controlled in the original build (it lay in its workspace or home): there is no installation"
                        + " to match, so a rebuild could not use the same one");
            }
            if (want.digest().isEmpty()) {
                throw new ToolchainUnavailableException("toolchain " + want.kind() + " at " + Printable.escape(want.path())
                        + " has no recorded digest: nothing to match it by");
            }
            Path found = find(kind, want, mapped.getOrDefault(want.kind(), List.of()));
            matched.add(new Toolchain(want.kind(), want.version(), found.toString(), want.digest()));
            if (t.via().contains(ProvidedToolchain.VIA_JAVA_HOME)) {
                environment.put("JAVA_HOME", found.toString());
            }
            if (t.via().contains(ProvidedToolchain.VIA_PATH)) {
                Optional<Path> onPath = ToolchainLocator.installationOnPath(kind, BuildEnvironment.PATH).map(ToolchainMatch::real);
                if (onPath.isEmpty() || !onPath.get().equals(real(found))) {
                    prefix.add(ToolchainLocator.binDirectory(kind, real(found)));
                }
            }
        }
        return new Choice(environment, prefix, matched);
    }

    private static Path find(ToolchainLocator.Kind kind, Toolchain want, List<Path> mapped) {
        List<String> seen = new ArrayList<>();
        List<Path> candidates = new ArrayList<>(mapped);
        Path recordedPath = Path.of(want.path()).normalize();
        boolean recordedUsable = SandboxSpec.visibleInside(recordedPath, Path.of("/nonexistent-workspace"));
        if (recordedUsable) {
            candidates.add(recordedPath);
        } else {
            seen.add(Printable.escape(want.path()) + " not looked at: outside the system directories every sandbox shows,"
                    + " a provenance may not choose what of the rebuilder's disk a rebuild sees (name it with --toolchain "
                    + want.kind() + "=PATH)");
        }
        for (Path candidate : candidates) {
            if (!Files.exists(candidate)) {
                seen.add(Printable.escape(candidate.toString()) + " does not exist");
                continue;
            }
            Map<String, String> digest;
            try {
                digest = InstallationDigest.of(candidate);
            } catch (InputException e) {
                seen.add(e.getMessage());
                continue;
            }
            if (digest.equals(want.digest())) {
                return candidate.toAbsolutePath().normalize();
            }
            seen.add(Printable.escape(candidate.toString()) + " has " + digest);
        }
        throw new ToolchainUnavailableException("no installation of the recorded toolchain " + want.kind() + " " + want.version()
                + ": the provenance records " + want.digest() + " at " + Printable.escape(want.path()) + "; here "
                + String.join("; ", seen) + ". Install the same " + want.kind() + " or name one with that digest: --toolchain "
                + want.kind() + "=PATH (a rebuild with another toolchain would report a false mismatch)");
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new InputException("toolchain " + p + " cannot be resolved: " + e.getMessage(), e);
        }
    }
}
