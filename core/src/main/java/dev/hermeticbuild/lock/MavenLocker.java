package dev.hermeticbuild.lock;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.digest.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes the Maven lock by observation: the build runs once (with network, outside the sandbox)
 * in a copy of the workspace against an empty local repository, and every file Maven downloaded
 * into it, plugins included, is locked with its sha256 and, when a cache is given, stored in it
 * under that digest, so that a following prefetch has nothing left to download.
 */
public final class MavenLocker {

    /** The default locking build: the whole lifecycle up to package, tests included, so test providers are locked too. */
    public static final List<String> DEFAULT_COMMAND = List.of("mvn", "-B", "package");

    private static final Set<String> SKIPPED_NAMES = Set.of("_remote.repositories", "resolver-status.properties");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "node_modules");

    /** The outcome: entries written, and where. */
    public record Result(int entries, Path lockfile) {
    }

    /** One file the locking build downloaded, while it is still on disk: its coordinates and sha256. */
    public record Observed(MavenLockfile.Coordinates coordinates, String sha256, Path file) {
    }

    private MavenLocker() {
    }

    /** Locks into {@link #defaultLockfile(Path)}, filling no cache. */
    public static Result lock(Path workspace, List<String> command, OutputStream console) {
        return lock(workspace, command, console, defaultLockfile(workspace), observed -> { });
    }

    /**
     * Where {@code hermetic lock} writes without {@code --lock}: the tree's committed
     * {@code hermetic.lock} when there is one (it keeps working), else {@code DIR.hermetic.lock}
     * beside the workspace, where neither the project's checks nor its source identity see it.
     */
    public static Path defaultLockfile(Path workspace) {
        Path inTree = workspace.resolve(MavenLockfile.FILE);
        if (Files.isRegularFile(inTree, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return inTree;
        }
        return ExternalLock.besideSource(workspace).orElseThrow(() -> new InputException("-C " + workspace
                + ": the filesystem root has no directory beside it for the lock; give --lock FILE"));
    }

    /**
     * Runs the locking build and writes {@code lockfile}; {@code observer} sees every locked file,
     * before the lock is written and the scratch repository deleted (to store them in the
     * dependency cache, say); what it throws stops the lock from being written.
     */
    public static Result lock(Path workspace, List<String> command, OutputStream console, Path lockfile,
                              java.util.function.Consumer<List<Observed>> observer) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("hermetic-lock-");
            Path copy = scratch.resolve("workspace");
            Path repository = scratch.resolve("repository");
            dev.hermeticbuild.FileTrees.copy(workspace, copy, rel -> SKIPPED_DIRECTORIES.contains(rel.getName(0).toString()));
            ProcessBuilder pb = new ProcessBuilder(command).directory(copy.toFile()).redirectErrorStream(true);
            String opts = pb.environment().getOrDefault("MAVEN_OPTS", "");
            pb.environment().put("MAVEN_OPTS", (opts + " -Dmaven.repo.local=" + repository).strip());
            Process p = pb.start();
            p.getInputStream().transferTo(console);
            int exit = p.waitFor();
            if (exit != 0) {
                throw new InputException("hermetic lock: the locking build " + command + " failed with exit code " + exit
                        + "; nothing was written");
            }
            List<Map.Entry<MavenLockfile.Coordinates, String>> entries = new ArrayList<>();
            List<Observed> observed = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(repository)) {
                for (Path file : walk.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                    var c = coordinates(repository.relativize(file));
                    if (c.isEmpty()) {
                        continue;
                    }
                    String sha256 = Sha256.ofFile(file);
                    entries.add(new AbstractMap.SimpleEntry<>(c.get(), sha256));
                    observed.add(new Observed(c.get(), sha256, file));
                }
            }
            observer.accept(observed);
            MavenLockfile.write(lockfile, entries);
            return new Result(entries.size(), lockfile);
        } catch (IOException e) {
            throw new InputException("hermetic lock: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("hermetic lock: interrupted; nothing was written");
        } finally {
            dev.hermeticbuild.FileTrees.deleteQuietly(scratch);
        }
    }

    /** {@code group/path/artifact/version/artifact-version[-classifier].ext} to coordinates; metadata and checksums skipped. */
    static java.util.Optional<MavenLockfile.Coordinates> coordinates(Path relative) {
        int n = relative.getNameCount();
        String file = relative.getFileName().toString();
        if (n < 4 || SKIPPED_NAMES.contains(file) || file.startsWith("maven-metadata") || file.endsWith(".sha1")
                || file.endsWith(".md5") || file.endsWith(".asc") || file.endsWith(".lastUpdated")
                || file.endsWith(".sha256") || file.endsWith(".sha512")) {
            return java.util.Optional.empty();
        }
        String version = relative.getName(n - 2).toString();
        String artifact = relative.getName(n - 3).toString();
        String group = relative.subpath(0, n - 3).toString().replace('/', '.');
        String prefix = artifact + "-" + version;
        if (!file.startsWith(prefix)) {
            return java.util.Optional.empty();
        }
        String rest = file.substring(prefix.length());
        String classifier = "";
        if (rest.startsWith("-")) {
            int dot = rest.indexOf('.');
            if (dot < 0) {
                return java.util.Optional.empty();
            }
            classifier = rest.substring(1, dot);
            rest = rest.substring(dot);
        }
        if (!rest.startsWith(".") || rest.length() < 2) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new MavenLockfile.Coordinates(group, artifact, rest.substring(1), classifier, version));
    }
}
