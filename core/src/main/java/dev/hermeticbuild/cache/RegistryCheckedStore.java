package dev.hermeticbuild.cache;

import dev.hermeticbuild.PolicyException;
import dev.hermeticbuild.lock.MavenLocker;
import dev.hermeticbuild.source.SourceUri;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stores the files a locking build downloaded in the dependency cache only after checking each
 * against the SHA-1 its registry publishes beside it ({@code PATH.sha1}, as Maven repositories
 * do). The locking build is the project's own code, run with network outside the sandbox: bytes
 * it altered in its own repository never reach the cache, and the lock it made is refused. A file
 * the registry publishes no checksum for is not stored (a later prefetch fetches it from the
 * registry and checks it against the lock).
 */
public final class RegistryCheckedStore {

    /** What happened to the observed files: stored, already cached, or not stored for want of a published checksum. */
    public record Outcome(int stored, int alreadyCached, List<String> unverified) {
    }

    private static final Pattern SHA1 = Pattern.compile("^\\s*([0-9a-fA-F]{40})(\\s|$)");
    private static final int PARALLELISM = 8;

    private final ContentCache cache;
    private final List<String> repositories;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** @param repositories Maven repository base URLs, tried in order for each file's checksum */
    public RegistryCheckedStore(ContentCache cache, List<String> repositories) {
        this.cache = cache;
        this.repositories = repositories.stream().map(r -> r.endsWith("/") ? r.substring(0, r.length() - 1) : r).toList();
    }

    /**
     * Checks and stores every observed file (while it is still on disk). Every file whose bytes
     * differ from what the registry publishes is named, all at once, in a {@link PolicyException};
     * nothing of those is stored.
     */
    public Outcome store(List<MavenLocker.Observed> observed) {
        List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
        List<String> unverified = Collections.synchronizedList(new ArrayList<>());
        int[] counts = new int[2];
        ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM, r -> {
            Thread t = new Thread(r, "hermetic-lock-checksums");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (MavenLocker.Observed o : observed) {
                futures.add(pool.submit(() -> {
                    String what = o.coordinates().toString();
                    if (cache.contains("sha256", o.sha256())) {
                        synchronized (counts) {
                            counts[1]++;
                        }
                        return;
                    }
                    Optional<Published> published = published(o.coordinates().repositoryPath());
                    if (published.isEmpty()) {
                        unverified.add(what);
                        return;
                    }
                    String actual = sha1(o);
                    if (!actual.equals(published.get().sha1())) {
                        mismatches.add(what + ": the locking build's file has sha1:" + actual + " but "
                                + SourceUri.redactedForMessage(published.get().url())
                                + " publishes sha1:" + published.get().sha1());
                        return;
                    }
                    if (cache.putFile(what, "sha256", o.sha256(), o.file())) {
                        synchronized (counts) {
                            counts[0]++;
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PolicyException("hermetic lock: interrupted while checking the downloads against the registry; nothing was written");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (!mismatches.isEmpty()) {
            List<String> sorted = mismatches.stream().sorted().toList();
            throw new PolicyException("hermetic lock refused: " + sorted.size() + " file(s) the locking build downloaded differ from what"
                    + " the registry publishes (the build altered its own repository, or the registry serves other bytes); they were"
                    + " not stored and no lock was written:\n  " + String.join("\n  ", sorted));
        }
        return new Outcome(counts[0], counts[1], unverified.stream().sorted().toList());
    }

    private record Published(String url, String sha1) {
    }

    /** The SHA-1 the first repository that has one publishes for {@code path}; empty when none does or none answers. */
    private Optional<Published> published(String path) {
        for (String repository : repositories) {
            String url = repository + "/" + path + ".sha1";
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
                if (response.statusCode() == 200) {
                    Matcher m = SHA1.matcher(response.body());
                    if (m.find()) {
                        return Optional.of(new Published(url, m.group(1).toLowerCase(java.util.Locale.ROOT)));
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                // this repository cannot vouch for the file (unreachable, or a path no URL can hold); the next may
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String sha1(MavenLocker.Observed o) {
        try (InputStream in = Files.newInputStream(o.file(), LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new dev.hermeticbuild.InputException("hermetic lock: cannot read " + o.file() + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
