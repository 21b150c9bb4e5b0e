package dev.hermeticbuild.admission;

import dev.hermeticbuild.kubernetes.ImageReference;
import dev.hermeticbuild.verify.VerifyPolicy;

/**
 * Verifies the attestations of one image, pinned by digest, against a policy: the seam between
 * the webhook and the registry. The registry-backed implementation fetches the image's
 * attestations by digest; it must never trust a tag.
 */
@FunctionalInterface
public interface ImageVerifier {

    /**
     * Checks {@code pinned} (its {@link ImageReference#pinned()} is true) against {@code policy}.
     *
     * @return whether it passed, with typed reasons when not
     * @throws RegistryUnavailableException when the attestations could not be fetched or read, so
     *         no verdict can be given (the policy's failure policy then decides)
     */
    ImageVerdict verify(ImageReference pinned, VerifyPolicy policy);
}
