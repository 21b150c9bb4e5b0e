package dev.hermeticbuild.cli;

import dev.hermeticbuild.admission.ImagePattern;
import dev.hermeticbuild.admission.RegistryUnavailableException;
import dev.hermeticbuild.admission.TagResolver;
import dev.hermeticbuild.image.registry.ImageRef;
import dev.hermeticbuild.image.registry.RegistryException;
import dev.hermeticbuild.image.registry.RegistryOptions;
import dev.hermeticbuild.image.registry.TagResolution;
import dev.hermeticbuild.kubernetes.ImageReference;

/**
 * The mutating webhook's tag lookup: the tag's manifest fetched from the image's registry
 * ({@link TagResolution}) with the same logins and CA as verification; any failure is the
 * webhook's {@link RegistryUnavailableException}, so the tag is left unpinned (and denied).
 */
final class RegistryTagResolver implements TagResolver {

    private final TagResolution resolution;

    RegistryTagResolver(RegistryOptions options) {
        this.resolution = new TagResolution(options);
    }

    @Override
    public String digest(ImageReference tagged) {
        ImageRef ref = ImageRef.parse(ImagePattern.canonicalName(tagged.name()) + ":" + tagged.tag().orElse("latest"), "image");
        try {
            return resolution.digest(ref);
        } catch (RegistryException | dev.hermeticbuild.image.registry.RegistryUnavailableException e) {
            throw new RegistryUnavailableException(e.getMessage(), e);
        }
    }
}
