package dev.hermeticbuild.cache;

import java.util.ArrayList;
import java.util.List;

/** How the cache served a build: locked inputs found (hits) and locked inputs missing (misses, named). */
public record CacheUsage(int hits, List<String> missing) {

    public CacheUsage {
        missing = List.copyOf(missing);
    }

    public int misses() {
        return missing.size();
    }

    public CacheUsage plus(CacheUsage other) {
        List<String> all = new ArrayList<>(missing);
        all.addAll(other.missing);
        return new CacheUsage(hits + other.hits, all);
    }
}
