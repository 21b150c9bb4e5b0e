package dev.hermeticbuild.image;

/** The result of an assembly: the verified layout written, the manifest that is the image, and its base's manifest (none: scratch). */
public record AssembledImage(OciLayout layout, ImageManifest manifest, java.util.Optional<String> baseManifestSha256) {

    /** The image's identity, {@code sha256:HEX} of its manifest. */
    public String digest() {
        return manifest.descriptor().digest();
    }
}
