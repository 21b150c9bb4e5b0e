package dev.hermeticbuild.admission;

import dev.hermeticbuild.kubernetes.ImageReference;

/**
 * Looks up the digest an image's tag names now, for rules that pin tags ({@code resolveTags}):
 * the seam between the mutating webhook and the registry.
 */
@FunctionalInterface
public interface TagResolver {

    /** A resolver for a webhook that pins nothing: every lookup fails, so tags stay unpinned and are denied. */
    TagResolver NONE = ref -> {
        throw new RegistryUnavailableException("tag resolution is not configured");
    };

    /**
     * {@code sha256:HEX} of the manifest or index {@code tagged}'s tag names ({@code latest} when none).
     *
     * @throws RegistryUnavailableException when it cannot be found out (no such tag, registry down)
     */
    String digest(ImageReference tagged);
}
