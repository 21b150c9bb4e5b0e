package dev.hermeticbuild.image;

/**
 * What a build output that is an image is identified by in provenance: a name such as
 * {@code target/image} or {@code target/image@linux/amd64} and the sha256 of a manifest or index.
 */
public record ImageSubject(String name, String sha256, String mediaType, long size) {
}
