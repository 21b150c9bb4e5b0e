package dev.hermeticbuild.admission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verdicts by (image digest, rule) for a time to live, so a deploy does not fetch and verify the
 * same digest again; a verdict may end sooner (a pass ends when its provenance grows older than the
 * rule's max age); a registry error is never cached. Bounded: when full, expired entries go
 * first, then all of them.
 */
public final class VerificationCache {

    /** Most entries held. */
    public static final int MAX_ENTRIES = 10_000;

    private record Key(String digest, String rule) {
    }

    private record Entry(ImageVerdict verdict, Instant expires) {
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    public VerificationCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The verdict for {@code digest} under {@code rule}, while it is younger than the TTL. */
    public Optional<ImageVerdict> get(String digest, String rule) {
        Key key = new Key(digest, rule);
        Entry e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(e.expires())) {
            entries.remove(key, e);
            return Optional.empty();
        }
        return Optional.of(e.verdict());
    }

    /** Keeps {@code verdict} for {@code digest} under {@code rule} for the TTL. */
    public void put(String digest, String rule, ImageVerdict verdict) {
        put(digest, rule, verdict, Optional.empty());
    }

    /** Keeps {@code verdict} for the TTL, or until {@code notAfter} when that is sooner (not at all when it has passed). */
    public void put(String digest, String rule, ImageVerdict verdict, Optional<Instant> notAfter) {
        Instant expires = clock.instant().plus(ttl);
        if (notAfter.isPresent() && notAfter.get().isBefore(expires)) {
            expires = notAfter.get();
        }
        if (!clock.instant().isBefore(expires)) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            Instant now = clock.instant();
            entries.values().removeIf(e -> !now.isBefore(e.expires()));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(new Key(digest, rule), new Entry(verdict, expires));
    }

    /** How many entries are held (expired ones included until looked up). */
    public int size() {
        return entries.size();
    }
}
