package dev.hermeticbuild.cache;

import dev.hermeticbuild.lock.LockedDependency;
import dev.hermeticbuild.lock.ProjectLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lays out an npm cache (under the build's HOME, {@code ~/.npm}) holding exactly the tarballs
 * package-lock.json names, each from the content cache with its sha512 re-checked (copied, or
 * read from the build's {@link DependencyView}), then
 * indexed with {@code npm cache add --offline} on the runner. Inside the sandbox,
 * {@code npm ci --offline} installs from it by integrity; the lock must carry {@code resolved}
 * URLs (npm's default) so that npm does not ask for registry metadata.
 */
public final class NpmCacheMaterializer {

    private static final List<Path> SYSTEM_BIN = List.of(Path.of("/usr/bin"), Path.of("/usr/local/bin"), Path.of("/bin"));

    private NpmCacheMaterializer() {
    }

    public static CacheUsage materialize(ProjectLock lock, ContentCache cache, Path home, Path scratch) {
        return materialize(lock, cache, home, scratch, Optional.empty());
    }

    /**
     * As {@link #materialize(ProjectLock, ContentCache, Path, Path)}; with {@code view}, npm
     * indexes each tarball from its checked entry in the view instead of a copy (npm copies it
     * into ~/.npm itself, on the runner, before the build starts).
     */
    public static CacheUsage materialize(ProjectLock lock, ContentCache cache, Path home, Path scratch, Optional<DependencyView> view) {
        List<LockedDependency> deps = lock.of("npm");
        if (deps.isEmpty()) {
            return new CacheUsage(0, List.of());
        }
        Path tarballs = scratch.resolve("npm-tarballs");
        List<String> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int hits = 0;
        for (LockedDependency d : deps) {
            var key = CacheKey.of(d);
            if (key.isEmpty() || !cache.contains(key.get().algorithm(), key.get().hex())) {
                missing.add(d.name() + "@" + d.version());
                continue;
            }
            String what = d.name() + "@" + d.version();
            Path target = tarballs.resolve((files.size()) + ".tgz");
            if (view.isPresent()) {
                link(target, view.get().onHost(view.get().add(what, key.get().algorithm(), key.get().hex())));
            } else {
                cache.copyVerified(what, key.get().algorithm(), key.get().hex(), target);
            }
            files.add(target.toString());
            hits++;
        }
        if (!missing.isEmpty() || files.isEmpty()) {
            return new CacheUsage(hits, missing);
        }
        index(files, home.resolve(".npm"), home);
        return new CacheUsage(hits, missing);
    }

    /** npm takes a tarball by its .tgz name only: a name for the checked file in the view. */
    private static void link(Path target, Path checked) {
        try {
            Files.createDirectories(target.getParent());
            Files.createSymbolicLink(target, checked);
        } catch (IOException e) {
            throw new CacheException("cannot lay out " + target + ": " + e.getMessage(), e);
        }
    }

    private static void index(List<String> tarballs, Path npmCache, Path home) {
        Path npm = SYSTEM_BIN.stream().map(d -> d.resolve("npm")).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new CacheException("npm is not installed on the runner: it is needed to lay out the npm cache"));
        List<String> command = new ArrayList<>(List.of(npm.toString(), "cache", "add", "--offline", "--cache", npmCache.toString()));
        command.addAll(tarballs);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", home.toString()));
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new CacheException("npm cache add failed while laying out the npm cache: " + out.strip());
            }
        } catch (IOException e) {
            throw new CacheException("cannot run npm cache add: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheException("interrupted while laying out the npm cache");
        }
    }
}
