package dev.hermeticbuild.cache;


import dev.hermeticbuild.lock.LockedDependency;
import dev.hermeticbuild.lock.MavenLockfile;
import dev.hermeticbuild.lock.ProjectLock;
import dev.hermeticbuild.source.SourceUri;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills the cache with exactly what the lock names: for each locked input not yet cached, it
 * tries the configured registries in order, and keeps the bytes only if their digest matches
 * the lock. An entry already present is re-verified (a hit). Inputs are fetched and verified
 * in parallel, a bounded number at a time, each still checked whole before it becomes an entry.
 * Ecosystems with no registry here (Go, Cargo, PyPI) are reported as skipped, never fetched from
 * anywhere else.
 */
public final class Prefetcher {

    /** How many inputs are fetched (or verified) at the same time by default. */
    public static final int DEFAULT_PARALLELISM = 8;

    /**
     * What one prefetch did.
     *
     * @param failures    every input not fetched and verified, each with why
     * @param unavailable those of {@code failures} no registry could serve (unreachable, 5xx, 429)
     */
    public record Report(int fetched, int hits, Map<String, Integer> skipped, List<String> failures, long bytesFetched,
                         List<String> unavailable) {
        public boolean ok() {
            return failures.isEmpty();
        }

        /** Failed only because registries could not be reached: nothing was wrong with what they served. */
        public boolean onlyUnavailable() {
            return !failures.isEmpty() && unavailable.size() == failures.size();
        }
    }

    /** Told after each input is done: how many of how many, and the bytes downloaded so far. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total, bytes) -> { };

        void update(int done, int total, long bytesFetched);
    }

    private final ContentCache cache;
    private final Registries registries;
    private final int parallelism;
    private volatile HttpClient http;

    public Prefetcher(ContentCache cache, Registries registries) {
        this(cache, registries, DEFAULT_PARALLELISM);
    }

    /** @param parallelism how many inputs at a time (at least 1) */
    public Prefetcher(ContentCache cache, Registries registries, int parallelism) {
        if (parallelism < 1) {
            throw new dev.hermeticbuild.InputException("--parallel " + parallelism + ": at least 1");
        }
        this.cache = cache;
        this.registries = registries;
        this.parallelism = parallelism;
    }

    /** Built on the first miss only: a warm prefetch never opens a connection. */
    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return http;
    }

    public Report prefetch(ProjectLock lock) {
        return prefetch(lock, Progress.NONE);
    }

    public Report prefetch(ProjectLock lock, Progress progress) {
        dev.hermeticbuild.lock.NpmLockfile.offlineProblem(lock.dependencies()).ifPresent(problem -> {
            throw new dev.hermeticbuild.InputException("prefetch refused: " + problem);
        });
        cache.clean();
        Map<String, Integer> skipped = new LinkedHashMap<>();
        List<Callable<Boolean>> work = new ArrayList<>();
        AtomicLong bytes = new AtomicLong();
        for (LockedDependency d : lock.dependencies()) {
            Optional<CacheKey> key = CacheKey.of(d);
            List<String> urls = urls(d);
            if (key.isEmpty() || urls.isEmpty()) {
                skipped.merge(d.ecosystem() + (key.isEmpty() ? " (no sha256/sha512 in the lock)" : " (no registry configured)"), 1, Integer::sum);
                continue;
            }
            String what = d.name() + "@" + d.version();
            work.add(() -> {
                if (cache.contains(key.get().algorithm(), key.get().hex())) {
                    cache.verify(what, key.get().algorithm(), key.get().hex());
                    return false;
                }
                fetch(what, key.get(), urls, bytes);
                return true;
            });
        }
        int fetched = 0;
        int hits = 0;
        List<String> failures = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, work.size())), daemonThreads());
        try {
            CompletionService<Boolean> done = new ExecutorCompletionService<>(pool);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (Callable<Boolean> w : work) {
                futures.add(done.submit(w));
            }
            for (int i = 1; i <= work.size(); i++) {
                done.take();
                progress.update(i, work.size(), bytes.get());
            }
            for (Future<Boolean> f : futures) {
                try {
                    if (f.get()) {
                        fetched++;
                    } else {
                        hits++;
                    }
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RegistryUnavailableException ru) {
                        unavailable.add(ru.getMessage());
                        failures.add(ru.getMessage());
                    } else if (e.getCause() instanceof CacheException ce) {
                        failures.add(ce.getMessage());
                    } else {
                        throw new CacheException("prefetch failed: " + e.getCause(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheException("prefetch interrupted; nothing partial was kept (re-running prefetch is safe)");
        } finally {
            pool.shutdownNow();
        }
        return new Report(fetched, hits, skipped, failures, bytes.get(), unavailable);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, "hermetic-prefetch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private void fetch(String what, CacheKey key, List<String> urls, AtomicLong bytes) {
        List<String> tried = new ArrayList<>();
        boolean onlyUnavailable = true;
        for (String url : urls) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).GET().build();
            try {
                HttpResponse<InputStream> response = http().send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = counting(response.body(), bytes)) {
                    if (response.statusCode() == 200) {
                        cache.put(what + " from " + SourceUri.redactedForMessage(url), key.algorithm(), key.hex(), body);
                        return;
                    }
                    tried.add(SourceUri.redactedForMessage(url) + " (HTTP " + response.statusCode() + ")");
                    onlyUnavailable &= response.statusCode() >= 500 || response.statusCode() == 429;
                }
            } catch (IOException e) {
                tried.add(SourceUri.redactedForMessage(url) + " (unreachable: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()) + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CacheException(what + ": prefetch interrupted; nothing partial was kept");
            }
        }
        String message = what + ": not fetched, nothing was added for it (re-running prefetch is safe): " + String.join("; ", tried);
        throw onlyUnavailable ? new RegistryUnavailableException(message) : new CacheException(message);
    }

    private static InputStream counting(InputStream in, AtomicLong bytes) {
        return new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytes.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                int n = super.read(buffer, off, len);
                if (n > 0) {
                    bytes.addAndGet(n);
                }
                return n;
            }
        };
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
