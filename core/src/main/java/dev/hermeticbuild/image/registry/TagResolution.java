package dev.hermeticbuild.image.registry;

import dev.hermeticbuild.image.MediaTypes;
import java.util.Set;

/**
 * The digest a tag names at this moment: its manifest or index fetched from the registry and
 * digested here (a {@code Docker-Content-Digest} header is never taken on trust). For an admission
 * webhook that pins a tag before the image is verified by that digest; the answer is identity from
 * then on, the tag never again.
 */
public final class TagResolution {

    private static final Set<String> IMAGE_TYPES = Set.of(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX,
            MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LIST);

    private final RegistryOptions options;

    public TagResolution(RegistryOptions options) {
        this.options = options;
    }

    /**
     * {@code sha256:HEX} of what {@code tagged}'s tag ({@code latest} when it has none) names now.
     *
     * @throws RegistryException            when the registry has no such tag or answers something else than an image
     * @throws RegistryUnavailableException when the registry cannot be reached
     */
    public String digest(ImageRef tagged) {
        String tag = tagged.tag().orElse("latest");
        RegistryClient client = new RegistryClient(tagged.registry(), options);
        return "sha256:" + client.getManifest(tagged.repository(), tag, IMAGE_TYPES)
                .orElseThrow(() -> new RegistryException("registry " + tagged.registry() + " has no tag " + tag + " in "
                        + tagged.repository()))
                .sha256();
    }
}
