package dev.hermeticbuild.verify;

import dev.hermeticbuild.InputException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a bundle must satisfy to be accepted. Made with {@link #builder()}, strict by default: a
 * signature by a trusted, unrevoked key; payloadType in-toto; an artifact whose SHA-256 is a
 * subject's; provenance of a hermetic release build; keyless bundles refused. Each loosening
 * ({@code requireHermetic(false)}, {@code artifactRequired(false)}) is a call the reader sees;
 * the checks that need a value (builder ids, source, commit, max age) run once it is given.
 */
public final class VerifyPolicy {

    private final Keyring keyring;
    private final RevocationList revoked;
    private final Set<String> builderIds;
    private final Optional<String> sourceUri;
    private final Optional<String> sourceCommit;
    private final boolean requireHermetic;
    private final Optional<Duration> maxAge;
    private final boolean artifactRequired;
    private final Clock clock;
    private final Optional<KeylessTrust> keyless;

    private VerifyPolicy(Builder b) {
        keyring = b.keyring;
        revoked = b.revoked;
        builderIds = b.builderIds;
        sourceUri = b.sourceUri;
        sourceCommit = b.sourceCommit;
        requireHermetic = b.requireHermetic;
        maxAge = b.maxAge;
        artifactRequired = b.artifactRequired;
        clock = b.clock;
        keyless = b.keyless;
    }

    /** A builder with the strict defaults; the keyring must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this policy's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder().keyring(keyring).revoked(revoked).builderIds(builderIds).sourceUri(sourceUri)
                .sourceCommit(sourceCommit).requireHermetic(requireHermetic).maxAge(maxAge)
                .artifactRequired(artifactRequired).clock(clock).keyless(keyless);
    }

    /** The trusted public keys. */
    public Keyring keyring() {
        return keyring;
    }

    /** Revoked key ids, refused for every signature however old. */
    public RevocationList revoked() {
        return revoked;
    }

    /** Allowed {@code runDetails.builder.id} values; empty: not checked. */
    public Set<String> builderIds() {
        return builderIds;
    }

    /** Required source dependency URI (with or without {@code git+}); empty: not checked. */
    public Optional<String> sourceUri() {
        return sourceUri;
    }

    /** Required source git commit; empty: not checked. */
    public Optional<String> sourceCommit() {
        return sourceCommit;
    }

    /** Whether tier release, isolation.hermetic and isolation.egressBlocked are required. */
    public boolean requireHermetic() {
        return requireHermetic;
    }

    /** Oldest accepted {@code runDetails.metadata.finishedOn}; empty: not checked. */
    public Optional<Duration> maxAge() {
        return maxAge;
    }

    /** Whether the artifact must be given (else the signature and policy are checked alone). */
    public boolean artifactRequired() {
        return artifactRequired;
    }

    /** The clock {@link #maxAge()} is measured against. */
    public Clock clock() {
        return clock;
    }

    /** How keyless (certificate) bundles are trusted; empty: refused. */
    public Optional<KeylessTrust> keyless() {
        return keyless;
    }

    /** Whether any check needs a provenance predicate (not only a signature and a subject). */
    public boolean checksProvenance() {
        return !builderIds.isEmpty() || sourceUri.isPresent() || sourceCommit.isPresent()
                || requireHermetic || maxAge.isPresent();
    }

    /** Collects a {@link VerifyPolicy}; each value not set keeps its strict default. */
    public static final class Builder {

        private Keyring keyring;
        private RevocationList revoked = RevocationList.none();
        private Set<String> builderIds = Set.of();
        private Optional<String> sourceUri = Optional.empty();
        private Optional<String> sourceCommit = Optional.empty();
        private boolean requireHermetic = true;
        private Optional<Duration> maxAge = Optional.empty();
        private boolean artifactRequired = true;
        private Clock clock = Clock.systemUTC();
        private Optional<KeylessTrust> keyless = Optional.empty();

        private Builder() {
        }

        /** Required: the trusted public keys ({@link Keyring#none()} when only keyless bundles are trusted). */
        public Builder keyring(Keyring keys) {
            keyring = Objects.requireNonNull(keys, "keyring");
            return this;
        }

        /** Also refuse these revoked keys; default none. */
        public Builder revoked(RevocationList list) {
            revoked = Objects.requireNonNull(list, "revoked");
            return this;
        }

        /** Require the builder id to be one of {@code ids}; default (empty) not checked. */
        public Builder builderIds(Set<String> ids) {
            builderIds = Set.copyOf(ids);
            return this;
        }

        /** Require this source URI; default (empty) not checked. */
        public Builder sourceUri(Optional<String> uri) {
            sourceUri = Objects.requireNonNull(uri, "sourceUri");
            return this;
        }

        /** Require this source commit; default (empty) not checked. */
        public Builder sourceCommit(Optional<String> commit) {
            sourceCommit = Objects.requireNonNull(commit, "sourceCommit");
            return this;
        }

        /** Default {@code true}; {@code false} loosens: accept dev-tier or non-isolated builds. */
        public Builder requireHermetic(boolean required) {
            requireHermetic = required;
            return this;
        }

        /** Refuse statements finished longer than this ago; default (empty) not checked. */
        public Builder maxAge(Optional<Duration> age) {
            Objects.requireNonNull(age, "maxAge");
            age.filter(a -> a.isNegative() || a.isZero()).ifPresent(a -> {
                throw new InputException("max age must be positive, got " + a);
            });
            maxAge = age;
            return this;
        }

        /** Default {@code true}; {@code false} loosens: accept a bundle checked without its artifact. */
        public Builder artifactRequired(boolean required) {
            artifactRequired = required;
            return this;
        }

        /** The clock max age is measured against; default the system's, in UTC. */
        public Builder clock(Clock c) {
            clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** Also accept keyless bundles that chain to this root and name its identity; default (empty) refused. */
        public Builder keyless(Optional<KeylessTrust> trust) {
            keyless = Objects.requireNonNull(trust, "keyless");
            return this;
        }

        /** The policy; throws {@link IllegalStateException} when the keyring was not set. */
        public VerifyPolicy build() {
            if (keyring == null) {
                throw new IllegalStateException("VerifyPolicy: keyring is required");
            }
            return new VerifyPolicy(this);
        }
    }
}
