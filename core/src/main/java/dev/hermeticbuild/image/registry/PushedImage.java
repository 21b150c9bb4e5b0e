package dev.hermeticbuild.image.registry;

/**
 * An image now in a registry: its reference by digest and the descriptor a referrer's subject names.
 *
 * @param ref       the pushed image, pinned by its manifest (or index) digest
 * @param mediaType the manifest's or index's media type
 * @param size      its size in bytes
 */
public record PushedImage(ImageRef ref, String mediaType, long size) {
}
