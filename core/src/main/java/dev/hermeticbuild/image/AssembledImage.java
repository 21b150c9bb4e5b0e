package dev.hermeticbuild.image;

/** The result of an assembly: the verified layout written and the manifest that is the image. */
public record AssembledImage(OciLayout layout, ImageManifest manifest, String baseManifestSha256) {

    /** The image's identity, {@code sha256:HEX} of its manifest. */
    public String digest() {
        return manifest.descriptor().digest();
    }
}
