package dev.hermeticbuild.sbom;

import dev.hermeticbuild.lock.LockedDependency;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run-time components of Go, Cargo and pip projects as their lockfiles list them (go.sum,
 * Cargo.lock, requirements.txt): every locked package, scoped required, with no edges, because
 * these lockfiles are not a resolved graph: the SBOM says so ({@link #resolvedBy}), and a
 * component without edges reads as "dependencies unknown" in CycloneDX.
 */
final class LockfileGraph {

    private LockfileGraph() {
    }

    /** How the components of {@code ecosystem} were found: the lockfile as written, not a resolution. */
    static String resolvedBy(String ecosystem, String lockfile) {
        return lockfile + " as written (" + ecosystem + "): the packages it lists, not a resolved graph; edges unknown";
    }

    /** The lockfile's packages as run-time components (Cargo's local path packages are the project itself and are left out). */
    static List<DependencyGraph.Component> components(List<LockedDependency> locked) {
        Map<String, DependencyGraph.Component> byPurl = new LinkedHashMap<>();
        for (LockedDependency d : locked) {
            if ("path".equals(d.digests().get("local"))) {
                continue;
            }
            byPurl.putIfAbsent(d.purl(), new DependencyGraph.Component(d.purl(), "", d.name(), d.version(),
                    DependencyGraph.Scope.REQUIRED, d.licenses(), Optional.empty(), Optional.empty()));
        }
        return new ArrayList<>(byPurl.values());
    }
}
