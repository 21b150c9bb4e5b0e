package dev.hermeticbuild.image.registry;

import java.util.Map;

/**
 * One manifest that names an image as its {@code subject}, as a referrers index lists it.
 *
 * @param sha256       the referrer manifest's digest (hex)
 * @param mediaType    the referrer manifest's media type
 * @param size         its size in bytes
 * @param artifactType what it carries, e.g. {@value Referrers#BUNDLE_ARTIFACT_TYPE}; empty if not given
 * @param annotations  its annotations (the bundle's file name under {@code org.opencontainers.image.title})
 */
public record Referrer(String sha256, String mediaType, long size, String artifactType, Map<String, String> annotations) {

    public Referrer {
        annotations = Map.copyOf(annotations);
    }

    /** {@code sha256:HEX}. */
    public String digest() {
        return "sha256:" + sha256;
    }

    /** The file name it was attached from, or its digest when none was recorded. */
    public String title() {
        return annotations.getOrDefault(Referrers.TITLE, digest());
    }
}
