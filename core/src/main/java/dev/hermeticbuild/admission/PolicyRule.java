package dev.hermeticbuild.admission;

import dev.hermeticbuild.kubernetes.ImageReference;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One rule of an admission policy: the namespaces and images it applies to and what their
 * attestations must satisfy. An image passes when it verifies against one of {@code policies}
 * (one per allowed source repository, or a single one when sources are not checked).
 *
 * @param name                   the rule's name, in decisions and metrics
 * @param namespaces             namespace globs ({@code *} any); the rule applies in a namespace matching one
 * @param images                 image patterns; the rule applies to an image matching one
 * @param policies               the verification policies, each strict unless the file loosened it
 * @param requireReproducibility whether a verified reproducibility attestation must also be attached
 * @param resolveTags            whether an image given by tag is pinned to the digest the tag names now
 *                               (by the mutating webhook), instead of being denied as not pinned
 */
public record PolicyRule(String name, List<String> namespaces, List<ImagePattern> images, List<VerifyPolicy> policies,
                         boolean requireReproducibility, boolean resolveTags) {

    public PolicyRule {
        namespaces = List.copyOf(namespaces);
        images = List.copyOf(images);
        policies = List.copyOf(policies);
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("rule " + name + ": no verification policy");
        }
    }

    /** Whether this rule applies to {@code image} in {@code namespace}. */
    public boolean applies(String namespace, ImageReference image) {
        return namespaces.stream().anyMatch(n -> Pattern.matches(Globs.regex(n, '/'), namespace))
                && images.stream().anyMatch(p -> p.matches(image));
    }

    /** The oldest build this rule admits, measured from its provenance's finish time; empty when age is not checked. */
    public Optional<Duration> maxAge() {
        return policies.get(0).maxAge();
    }
}
