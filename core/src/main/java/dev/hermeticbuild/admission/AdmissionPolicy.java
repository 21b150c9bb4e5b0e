package dev.hermeticbuild.admission;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the webhook admits: made with {@link #builder()}, strict by default ({@code enforce};
 * {@code kube-system} exempt; an image no rule matches denied; a registry error denies; results
 * cached five minutes). Rules are tried in order; the first that applies decides.
 */
public final class AdmissionPolicy {

    /** The namespaces exempt when the policy file names none. */
    public static final Set<String> DEFAULT_EXEMPT = Set.of("kube-system");
    /** How long a verification result is reused when the policy file does not say. */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);

    private final Mode mode;
    private final Set<String> exemptNamespaces;
    private final List<PolicyRule> rules;
    private final Fallback unmatchedImages;
    private final Fallback registryFailure;
    private final Duration cacheTtl;

    private AdmissionPolicy(Builder b) {
        mode = b.mode;
        exemptNamespaces = b.exemptNamespaces;
        rules = b.rules;
        unmatchedImages = b.unmatchedImages;
        registryFailure = b.registryFailure;
        cacheTtl = b.cacheTtl;
    }

    /** A builder with the strict defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether a failed check denies ({@code enforce}) or only warns. */
    public Mode mode() {
        return mode;
    }

    /** Namespaces whose requests are admitted unchecked. */
    public Set<String> exemptNamespaces() {
        return exemptNamespaces;
    }

    /** The rules, in the order they are tried. */
    public List<PolicyRule> rules() {
        return rules;
    }

    /** Whether a rule pins tags, so the mutating webhook is needed. */
    public boolean resolvesTags() {
        return rules.stream().anyMatch(PolicyRule::resolveTags);
    }

    /** What happens to an image no rule applies to; default deny. */
    public Fallback unmatchedImages() {
        return unmatchedImages;
    }

    /** What happens to an image whose attestations cannot be fetched; default deny. */
    public Fallback registryFailure() {
        return registryFailure;
    }

    /** How long a verification result for a digest under a rule is reused. */
    public Duration cacheTtl() {
        return cacheTtl;
    }

    /** The first rule that applies to {@code image} in {@code namespace}. */
    public Optional<PolicyRule> ruleFor(String namespace, dev.hermeticbuild.kubernetes.ImageReference image) {
        return rules.stream().filter(r -> r.applies(namespace, image)).findFirst();
    }

    /** Collects an {@link AdmissionPolicy}; each value not set keeps its strict default. */
    public static final class Builder {

        private Mode mode = Mode.ENFORCE;
        private Set<String> exemptNamespaces = DEFAULT_EXEMPT;
        private List<PolicyRule> rules = List.of();
        private Fallback unmatchedImages = Fallback.DENY;
        private Fallback registryFailure = Fallback.DENY;
        private Duration cacheTtl = DEFAULT_CACHE_TTL;

        private Builder() {
        }

        /** Default {@code enforce}; {@code warn} loosens: failed checks admit with warnings. */
        public Builder mode(Mode m) {
            mode = Objects.requireNonNull(m, "mode");
            return this;
        }

        /** Default {@code kube-system}. */
        public Builder exemptNamespaces(Set<String> namespaces) {
            exemptNamespaces = Set.copyOf(namespaces);
            return this;
        }

        /** The rules, tried in order; default none (so every image is unmatched). */
        public Builder rules(List<PolicyRule> r) {
            rules = List.copyOf(r);
            return this;
        }

        /** Default deny; allow loosens: images no rule applies to are admitted. */
        public Builder unmatchedImages(Fallback f) {
            unmatchedImages = Objects.requireNonNull(f, "unmatchedImages");
            return this;
        }

        /** Default deny; allow loosens: images whose registry is unreachable are admitted (with a warning). */
        public Builder registryFailure(Fallback f) {
            registryFailure = Objects.requireNonNull(f, "registryFailure");
            return this;
        }

        /** Default five minutes; must be positive. */
        public Builder cacheTtl(Duration ttl) {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("cache TTL must be positive, got " + ttl);
            }
            cacheTtl = ttl;
            return this;
        }

        /** The policy. */
        public AdmissionPolicy build() {
            return new AdmissionPolicy(this);
        }
    }
}
