package dev.hermeticbuild.lock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The release tier's rule for inputs: every dependency at an exact version, with a strong hash,
 * and nothing the project declares missing from its lock. Each violation names the dependency,
 * the lockfile and line, and what is wrong.
 */
public final class PinPolicy {

    private static final Pattern EXACT_NPM = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");

    private PinPolicy() {
    }

    public static List<String> violations(ProjectLock lock, Path workspace) {
        List<String> problems = new ArrayList<>();
        for (LockedDependency d : lock.dependencies()) {
            unpinnedVersion(d).ifPresent(p -> problems.add(d.where() + ": " + p));
            missingHash(d).ifPresent(p -> problems.add(d.where() + ": " + p));
        }
        NpmLockfile.offlineProblem(lock.dependencies()).ifPresent(problems::add);
        problems.addAll(staleMaven(lock, workspace));
        problems.addAll(staleNpm(lock, workspace));
        return problems;
    }

    static java.util.Optional<String> unpinnedVersion(LockedDependency d) {
        String v = d.version();
        boolean unpinned = switch (d.ecosystem()) {
            case "maven" -> v.contains("SNAPSHOT") || v.matches(".*[\\[\\](),].*") || v.equals("LATEST") || v.equals("RELEASE");
            case "npm" -> !EXACT_NPM.matcher(v).matches();
            case "pypi" -> v.isEmpty() || !Character.isDigit(v.charAt(0));
            default -> v.isEmpty();
        };
        if (!unpinned) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(v.contains("SNAPSHOT") ? "SNAPSHOT version '" + v + "' is not pinned"
                : v.isEmpty() ? "no exact version" : "version range '" + v + "' is not pinned");
    }

    static java.util.Optional<String> missingHash(LockedDependency d) {
        var g = d.digests();
        boolean ok = switch (d.ecosystem()) {
            case "maven", "pypi" -> g.containsKey("sha256") || g.containsKey("sha384") || g.containsKey("sha512");
            case "npm" -> g.containsKey("sha512") || g.containsKey("sha384") || g.containsKey("sha256");
            case "golang" -> g.containsKey("h1");
            case "cargo" -> g.containsKey("sha256") || g.containsKey("gitCommit") || g.containsKey("local");
            default -> false;
        };
        if (ok) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(d.ecosystem().equals("npm") && g.containsKey("sha1")
                ? "only a sha1 integrity hash (too weak)" : "missing hash");
    }

    /** A dependency pom.xml declares at a literal version that hermetic.lock does not name. */
    static List<String> staleMaven(ProjectLock lock, Path workspace) {
        Path pom = workspace.resolve("pom.xml");
        if (!lock.hasMavenLock() || !Files.isRegularFile(pom)) {
            return List.of();
        }
        Set<String> locked = new HashSet<>();
        for (LockedDependency d : lock.of("maven")) {
            MavenLockfile.Coordinates c = MavenLockfile.coordinates(d);
            locked.add(c.group() + ":" + c.artifact() + ":" + c.version());
        }
        List<String> problems = new ArrayList<>();
        try {
            for (String gav : PomDependencies.declared(pom)) {
                if (!locked.contains(gav)) {
                    problems.add("pom.xml declares " + gav + ", which hermetic.lock does not pin: the lock is stale (run hermetic lock)");
                }
            }
        } catch (dev.hermeticbuild.InputException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    /** A dependency package.json declares that package-lock.json does not contain. */
    static List<String> staleNpm(ProjectLock lock, Path workspace) {
        Path packageJson = workspace.resolve("package.json");
        if (!lock.lockfiles().contains(NpmLockfile.FILE) || !Files.isRegularFile(packageJson)) {
            return List.of();
        }
        Set<String> locked = new HashSet<>();
        lock.of("npm").forEach(d -> locked.add(d.name()));
        List<String> problems = new ArrayList<>();
        for (String name : NpmLockfile.declared(packageJson)) {
            if (!locked.contains(name)) {
                problems.add("package.json declares " + name + ", which package-lock.json does not contain: the lock is stale (run npm install)");
            }
        }
        return problems;
    }
}
