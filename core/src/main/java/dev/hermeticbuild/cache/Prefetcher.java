package dev.hermeticbuild.cache;

import dev.hermeticbuild.lock.LockedDependency;
import dev.hermeticbuild.lock.MavenLockfile;
import dev.hermeticbuild.lock.ProjectLock;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fills the cache with exactly what the lock names: for each locked input not yet cached, it
 * tries the configured registries in order, and keeps the bytes only if their digest matches
 * the lock. An entry already present is re-verified (a hit). Ecosystems with no registry here
 * (Go, Cargo, PyPI) are reported as skipped, never fetched from anywhere else.
 */
public final class Prefetcher {

    /** What one prefetch did. */
    public record Report(int fetched, int hits, Map<String, Integer> skipped, List<String> failures) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    private final ContentCache cache;
    private final Registries registries;
    private HttpClient http;

    public Prefetcher(ContentCache cache, Registries registries) {
        this.cache = cache;
        this.registries = registries;
    }

    /** Built on the first miss only: a warm prefetch never opens a connection. */
    private HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return http;
    }

    public Report prefetch(ProjectLock lock) {
        cache.clean();
        int fetched = 0;
        int hits = 0;
        Map<String, Integer> skipped = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (LockedDependency d : lock.dependencies()) {
            Optional<CacheKey> key = CacheKey.of(d);
            List<String> urls = urls(d);
            if (key.isEmpty() || urls.isEmpty()) {
                skipped.merge(d.ecosystem() + (key.isEmpty() ? " (no sha256/sha512 in the lock)" : " (no registry configured)"), 1, Integer::sum);
                continue;
            }
            String what = d.name() + "@" + d.version();
            try {
                if (cache.contains(key.get().algorithm(), key.get().hex())) {
                    cache.verify(what, key.get().algorithm(), key.get().hex());
                    hits++;
                } else {
                    fetch(what, key.get(), urls);
                    fetched++;
                }
            } catch (CacheException e) {
                failures.add(e.getMessage());
            }
        }
        return new Report(fetched, hits, skipped, failures);
    }

    private void fetch(String what, CacheKey key, List<String> urls) {
        List<String> tried = new ArrayList<>();
        for (String url : urls) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).GET().build();
            try {
                HttpResponse<InputStream> response = http().send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() == 200) {
                        cache.put(what + " from " + url, key.algorithm(), key.hex(), body);
                        return;
                    }
                    tried.add(url + " (HTTP " + response.statusCode() + ")");
                }
            } catch (IOException e) {
                tried.add(url + " (unreachable: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()) + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CacheException(what + ": prefetch interrupted; nothing partial was kept");
            }
        }
        throw new CacheException(what + ": not fetched, nothing was added for it (re-running prefetch is safe): " + String.join("; ", tried));
    }

    /** Candidate URLs on the configured registries only. */
    List<String> urls(LockedDependency d) {
        return switch (d.ecosystem()) {
            case "maven" -> {
                String path = MavenLockfile.coordinates(d).repositoryPath();
                yield registries.maven().stream().map(r -> r + "/" + path).toList();
            }
            case "npm" -> npmUrls(d);
            default -> List.of();
        };
    }

    /**
     * An npm tarball URL on each configured registry: the lock's {@code resolved} path re-based
     * (its host never trusted), or the registry's standard tarball path when the lock has none.
     * Git and file dependencies have no registry URL and are skipped.
     */
    private List<String> npmUrls(LockedDependency d) {
        String path;
        if (d.url().isPresent()) {
            URI uri = URI.create(d.url().get());
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                return List.of();
            }
            path = uri.getRawPath();
        } else {
            String base = d.name().contains("/") ? d.name().substring(d.name().indexOf('/') + 1) : d.name();
            path = "/" + d.name() + "/-/" + base + "-" + d.version() + ".tgz";
        }
        return registries.npm().stream().map(r -> r + path).toList();
    }
}
