package dev.hermeticbuild.lock;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pinned input as a lockfile states it: ecosystem, name, exact version, its digests
 * (algorithm to lower-case hex; Go's {@code h1} stays base64), where to fetch it, its purl,
 * and where in which lockfile it is written (for error messages).
 *
 * @param ecosystem maven, npm, golang, cargo or pypi
 * @param name coordinates without the version (Maven: {@code group:artifact:extension[:classifier]})
 * @param digests e.g. {@code sha256 -> hex}, {@code sha512 -> hex}, {@code h1 -> base64}
 * @param url the download location the lock names, when it names one
 * @param licenses SPDX ids or names, when the lock gives them
 */
public record LockedDependency(String ecosystem, String name, String version, Map<String, String> digests,
                               Optional<String> url, String purl, List<String> licenses, String lockfile, int line) {

    public LockedDependency {
        digests = Map.copyOf(digests);
        licenses = List.copyOf(licenses);
    }

    public Optional<String> sha256() {
        return Optional.ofNullable(digests.get("sha256"));
    }

    /** {@code lockfile:line name@version}: how errors name a dependency. */
    public String where() {
        return lockfile + ":" + line + " " + name + "@" + version;
    }
}
