package dev.hermeticbuild.image;

import java.util.Map;
import java.util.Optional;

/**
 * An OCI content descriptor: what a blob is ({@code mediaType}), its sha256 (hex, no prefix),
 * its size in bytes, the platform an index gives it, and its annotations.
 */
public record Descriptor(String mediaType, String sha256, long size, Optional<Platform> platform, Map<String, String> annotations) {

    public Descriptor {
        annotations = Map.copyOf(annotations);
    }

    /** {@code sha256:HEX}, as registries and the OCI specification write a digest. */
    public String digest() {
        return "sha256:" + sha256;
    }
}
