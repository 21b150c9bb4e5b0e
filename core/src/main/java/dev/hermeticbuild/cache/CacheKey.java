package dev.hermeticbuild.cache;

import dev.hermeticbuild.lock.LockedDependency;
import java.util.Optional;

/** The cache entry a locked dependency maps to: its strongest digest the cache can key by. */
public record CacheKey(String algorithm, String hex) {

    public static Optional<CacheKey> of(LockedDependency d) {
        for (String alg : new String[] {"sha512", "sha256"}) {
            String hex = d.digests().get(alg);
            if (hex != null && hex.matches("[0-9a-f]+")) {
                return Optional.of(new CacheKey(alg, hex));
            }
        }
        return Optional.empty();
    }
}
