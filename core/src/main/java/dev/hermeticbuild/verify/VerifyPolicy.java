package dev.hermeticbuild.verify;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a bundle must satisfy to be accepted. Strict by default ({@link #trusting(Keyring)}):
 * a signature by a trusted, unrevoked key; payloadType in-toto; an artifact whose SHA-256 is a
 * subject's. Each optional check is off until set; loosening (verifying without an artifact)
 * must be asked for with {@link #allowingNoArtifact()}.
 *
 * @param keyring           the trusted public keys
 * @param revoked           revoked key ids, refused for every signature however old
 * @param builderIds        allowed {@code runDetails.builder.id} values; empty: not checked
 * @param sourceUri         required source dependency URI (with or without {@code git+}); empty: not checked
 * @param sourceCommit      required source git commit; empty: not checked
 * @param requireHermetic   require tier release, isolation.hermetic and isolation.egressBlocked
 * @param maxAge            oldest accepted {@code runDetails.metadata.finishedOn}; empty: not checked
 * @param artifactRequired  whether a bundle may be verified without its artifact
 * @param clock             the clock {@code maxAge} is measured against
 * @param keyless           how keyless (certificate) bundles are trusted; empty: refused
 */
public record VerifyPolicy(Keyring keyring, RevocationList revoked, Set<String> builderIds,
                           Optional<String> sourceUri, Optional<String> sourceCommit,
                           boolean requireHermetic, Optional<Duration> maxAge,
                           boolean artifactRequired, Clock clock, Optional<KeylessTrust> keyless) {

    public VerifyPolicy {
        Objects.requireNonNull(keyring, "keyring");
        Objects.requireNonNull(revoked, "revoked");
        builderIds = Set.copyOf(builderIds);
        Objects.requireNonNull(sourceUri, "sourceUri");
        Objects.requireNonNull(sourceCommit, "sourceCommit");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(keyless, "keyless");
    }

    /** The strict default policy over {@code keyring}. */
    public static VerifyPolicy trusting(Keyring keyring) {
        return new VerifyPolicy(keyring, RevocationList.none(), Set.of(), Optional.empty(),
                Optional.empty(), false, Optional.empty(), true, Clock.systemUTC(), Optional.empty());
    }

    /** Also refuse these revoked keys. */
    public VerifyPolicy withRevoked(RevocationList list) {
        return new VerifyPolicy(keyring, list, builderIds, sourceUri, sourceCommit, requireHermetic,
                maxAge, artifactRequired, clock, keyless);
    }

    /** Require the builder id to be one of {@code ids}. */
    public VerifyPolicy withBuilderIds(Set<String> ids) {
        return new VerifyPolicy(keyring, revoked, ids, sourceUri, sourceCommit, requireHermetic,
                maxAge, artifactRequired, clock, keyless);
    }

    /** Require this source URI. */
    public VerifyPolicy withSourceUri(String uri) {
        return new VerifyPolicy(keyring, revoked, builderIds, Optional.of(uri), sourceCommit,
                requireHermetic, maxAge, artifactRequired, clock, keyless);
    }

    /** Require this source commit. */
    public VerifyPolicy withSourceCommit(String commit) {
        return new VerifyPolicy(keyring, revoked, builderIds, sourceUri, Optional.of(commit),
                requireHermetic, maxAge, artifactRequired, clock, keyless);
    }

    /** Require a hermetic release build. */
    public VerifyPolicy withRequireHermetic() {
        return new VerifyPolicy(keyring, revoked, builderIds, sourceUri, sourceCommit, true,
                maxAge, artifactRequired, clock, keyless);
    }

    /** Refuse statements finished longer than {@code age} ago. */
    public VerifyPolicy withMaxAge(Duration age) {
        if (age.isNegative() || age.isZero()) {
            throw new dev.hermeticbuild.InputException("max age must be positive, got " + age);
        }
        return new VerifyPolicy(keyring, revoked, builderIds, sourceUri, sourceCommit,
                requireHermetic, Optional.of(age), artifactRequired, clock, keyless);
    }

    /** Loosening: accept a bundle checked without its artifact (signature and policy only). */
    public VerifyPolicy allowingNoArtifact() {
        return new VerifyPolicy(keyring, revoked, builderIds, sourceUri, sourceCommit,
                requireHermetic, maxAge, false, clock, keyless);
    }

    /** Measure max age against {@code c}. */
    public VerifyPolicy withClock(Clock c) {
        return new VerifyPolicy(keyring, revoked, builderIds, sourceUri, sourceCommit,
                requireHermetic, maxAge, artifactRequired, c, keyless);
    }

    /** Also accept keyless bundles that chain to {@code trust}'s root and name its identity. */
    public VerifyPolicy withKeyless(KeylessTrust trust) {
        return new VerifyPolicy(keyring, revoked, builderIds, sourceUri, sourceCommit,
                requireHermetic, maxAge, artifactRequired, clock, Optional.of(trust));
    }

    /**
     * This policy with the optional checks a caller named (a CI step's parameters): each present
     * value or {@code true} adds its check, nothing loosens.
     */
    public VerifyPolicy withOptional(Optional<String> builderId, Optional<String> source, Optional<String> commit,
                                     boolean hermetic) {
        VerifyPolicy p = this;
        if (builderId.isPresent()) {
            p = p.withBuilderIds(Set.of(builderId.get()));
        }
        if (source.isPresent()) {
            p = p.withSourceUri(source.get());
        }
        if (commit.isPresent()) {
            p = p.withSourceCommit(commit.get());
        }
        return hermetic ? p.withRequireHermetic() : p;
    }

    /** Whether any check needs a provenance predicate (not only a signature and a subject). */
    public boolean checksProvenance() {
        return !builderIds.isEmpty() || sourceUri.isPresent() || sourceCommit.isPresent()
                || requireHermetic || maxAge.isPresent();
    }
}
