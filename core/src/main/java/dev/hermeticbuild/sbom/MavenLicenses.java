package dev.hermeticbuild.sbom;

import dev.hermeticbuild.Background;
import dev.hermeticbuild.cache.CacheException;
import dev.hermeticbuild.cache.ContentCache;
import dev.hermeticbuild.lock.LockedDependency;
import dev.hermeticbuild.lock.MavenLockfile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.model.License;
import org.apache.maven.model.Model;
import org.apache.maven.model.Parent;

/**
 * Licenses of locked Maven artifacts, read from their POMs in the cache (the POMs are locked
 * too), following {@code <parent>} POMs that are themselves locked: most artifacts declare their
 * license only in a parent. Only verified cache entries are read, with Maven's own POM reader
 * ({@link MavenPom}); each license is given as its name, or as its URL when only the URL maps
 * to an SPDX id. A build starts the lookup ({@link #lookUpInBackground}) before its command runs:
 * it reads hundreds of POMs and needs nothing the command makes.
 */
public final class MavenLicenses {

    private static final int MAX_PARENT_DEPTH = 10;

    private final Map<String, String> pomSha = new HashMap<>();
    private final Map<String, List<String>> memo = new HashMap<>();
    private final ContentCache cache;

    private MavenLicenses(List<LockedDependency> deps, ContentCache cache) {
        this.cache = cache;
        for (LockedDependency d : deps) {
            if (d.ecosystem().equals("maven") && d.name().endsWith(":pom") && d.sha256().isPresent()) {
                MavenLockfile.Coordinates c = MavenLockfile.coordinates(d);
                pomSha.put(c.group() + ":" + c.artifact() + ":" + c.version(), d.sha256().get());
            }
        }
    }

    /** The dependencies with licenses filled in where a locked POM (or its locked parents) names them. */
    public static List<LockedDependency> enrich(List<LockedDependency> deps, ContentCache cache) {
        MavenLicenses licenses = new MavenLicenses(deps, cache);
        List<LockedDependency> result = new ArrayList<>();
        for (LockedDependency d : deps) {
            if (!d.ecosystem().equals("maven") || !d.licenses().isEmpty()) {
                result.add(d);
                continue;
            }
            MavenLockfile.Coordinates c = MavenLockfile.coordinates(d);
            List<String> found = licenses.of(c.group() + ":" + c.artifact() + ":" + c.version(), 0);
            result.add(found.isEmpty() ? d : new LockedDependency(d.ecosystem(), d.name(), d.version(), d.digests(),
                    d.url(), d.purl(), found, d.lockfile(), d.line()));
        }
        return result;
    }

    /**
     * {@link #enrich} on a thread of its own, started now. Every POM is still verified against
     * the lock as it is read, whenever that is.
     */
    public static Background<List<LockedDependency>> lookUpInBackground(List<LockedDependency> deps, ContentCache cache) {
        return Background.start("the license lookup", () -> enrich(deps, cache));
    }

    /** The licenses a project's own POM declares, or else its locked parents (when a cache holds them). */
    static List<String> ofProject(Model project, List<LockedDependency> deps, Optional<ContentCache> cache) {
        List<String> declared = declared(project);
        if (!declared.isEmpty() || cache.isEmpty() || project.getParent() == null) {
            return declared;
        }
        return new MavenLicenses(deps, cache.get()).of(gav(project.getParent()), 1);
    }

    private List<String> of(String gav, int depth) {
        if (memo.containsKey(gav)) {
            return memo.get(gav);
        }
        List<String> found = List.of();
        String sha = pomSha.get(gav);
        if (sha != null && depth < MAX_PARENT_DEPTH && cache.contains("sha256", sha)) {
            Optional<Model> pom = read(sha, gav);
            if (pom.isPresent()) {
                found = declared(pom.get());
                if (found.isEmpty() && pom.get().getParent() != null) {
                    found = of(gav(pom.get().getParent()), depth + 1);
                }
            }
        }
        memo.put(gav, found);
        return found;
    }

    private Optional<Model> read(String sha, String gav) {
        try {
            cache.verify(gav + ":pom", "sha256", sha);
            try (InputStream in = Files.newInputStream(cache.entry("sha256", sha), LinkOption.NOFOLLOW_LINKS)) {
                byte[] bytes = in.readAllBytes();
                if (!dev.hermeticbuild.digest.Sha256.ofBytes(bytes).equals(sha)) {
                    return Optional.empty();
                }
                return MavenPom.read(bytes);
            }
        } catch (IOException | CacheException e) {
            return Optional.empty();
        }
    }

    private static String gav(Parent p) {
        return p.getGroupId() + ":" + p.getArtifactId() + ":" + p.getVersion();
    }

    /** Each declared license: its name, or its URL when only the URL maps to an SPDX id (or there is no name). */
    private static List<String> declared(Model pom) {
        List<String> names = new ArrayList<>();
        for (License l : pom.getLicenses()) {
            String name = l.getName() == null ? "" : l.getName().strip().replaceAll("\\s+", " ");
            String url = l.getUrl() == null ? "" : l.getUrl().strip();
            if (!name.isEmpty() && (SpdxLicenses.resolves(name) || url.isEmpty() || !SpdxLicenses.resolves(url))) {
                names.add(name);
            } else if (!url.isEmpty()) {
                names.add(url);
            }
        }
        return names;
    }
}
