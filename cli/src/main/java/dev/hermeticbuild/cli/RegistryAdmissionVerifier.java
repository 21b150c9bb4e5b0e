package dev.hermeticbuild.cli;

import dev.hermeticbuild.admission.ImagePattern;
import dev.hermeticbuild.admission.ImageVerdict;
import dev.hermeticbuild.admission.ImageVerifier;
import dev.hermeticbuild.admission.RegistryUnavailableException;
import dev.hermeticbuild.image.registry.ImageRef;
import dev.hermeticbuild.image.registry.ImageVerification;
import dev.hermeticbuild.image.registry.RegistryImageVerifier;
import dev.hermeticbuild.image.registry.RegistryOptions;
import dev.hermeticbuild.kubernetes.ImageReference;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The admission webhook's verifier: the image's attestations fetched from its registry by
 * digest ({@link RegistryImageVerifier}, the same checks as {@code verify --image}); an
 * unreachable registry is the webhook's {@link RegistryUnavailableException}, for its failure policy.
 */
final class RegistryAdmissionVerifier implements ImageVerifier {

    private final RegistryImageVerifier registry;

    RegistryAdmissionVerifier(RegistryOptions options) {
        this.registry = new RegistryImageVerifier(options);
    }

    @Override
    public ImageVerdict verify(ImageReference pinned, VerifyPolicy policy) {
        ImageRef ref = ImageRef.parse(ImagePattern.canonicalName(pinned.name()) + "@" + pinned.digest().orElseThrow(), "image");
        ImageVerification v;
        try {
            v = registry.verify(ref, policy);
        } catch (dev.hermeticbuild.image.registry.RegistryUnavailableException e) {
            throw new RegistryUnavailableException(e.getMessage(), e);
        }
        if (v.ok()) {
            return ImageVerdict.pass(v.passed().stream().map(a -> a.result().predicateType()).flatMap(Optional::stream)
                    .collect(Collectors.toSet()),
                    v.passed().stream().map(a -> a.result().finishedOn()).flatMap(Optional::stream).max(Comparator.naturalOrder()));
        }
        return ImageVerdict.fail(v.rejected().stream().flatMap(r -> r.failures().stream()).toList());
    }
}
