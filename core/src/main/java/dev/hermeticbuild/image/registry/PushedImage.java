package dev.hermeticbuild.image.registry;

import java.util.List;

/**
 * An image now in a registry: its reference by digest and the descriptor a referrer's subject names.
 *
 * @param ref       the pushed image, pinned by its manifest (or index) digest
 * @param mediaType the manifest's or index's media type
 * @param size      its size in bytes
 * @param manifests for an index, the image manifests it holds (nested indexes flattened), each pushed
 *                  by its own digest; empty for a single manifest
 */
public record PushedImage(ImageRef ref, String mediaType, long size, List<PushedImage> manifests) {

    public PushedImage {
        manifests = List.copyOf(manifests);
    }

    /** This image and, for an index, each of its manifests: every digest the image can be pulled by. */
    public List<PushedImage> subjects() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(this), manifests.stream()).toList();
    }
}
