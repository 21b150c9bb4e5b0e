package dev.hermeticbuild.image;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import java.nio.file.Path;

/**
 * The base of an assembled image, pinned by digest in a local OCI layout:
 * {@code oci:DIR@sha256:HEX}, the digest of a manifest or of an index in {@code DIR}. Tags and
 * registry references are refused: the assembly runs offline and a tag is not an identity.
 */
public record BaseImage(Path layout, String sha256) {

    private static final String PREFIX = "oci:";

    /** The name of the empty base: an image of only its own layers, as {@code FROM scratch}. */
    public static final String SCRATCH = "scratch";

    /** Parses {@code --base}: {@code scratch} is the empty base, anything else as {@link #parse}. */
    public static java.util.Optional<BaseImage> parseOrScratch(String text, Path workingDirectory) {
        return SCRATCH.equals(text) ? java.util.Optional.empty() : java.util.Optional.of(parse(text, workingDirectory));
    }

    /** Parses {@code --base}, refusing a tag or a registry reference with how to pin it instead. */
    public static BaseImage parse(String text, Path workingDirectory) {
        int at = text.lastIndexOf("@sha256:");
        if (!text.startsWith(PREFIX)) {
            throw new InputException("--base '" + Printable.escape(text) + "': only a local OCI image layout is read (no registry, no"
                    + " network): copy the image into a layout first (e.g. skopeo copy docker://REF@sha256:... oci:DIR) and pass"
                    + " --base oci:DIR@sha256:<manifest or index digest>");
        }
        if (at < 0) {
            throw new InputException("--base '" + Printable.escape(text) + "' is not pinned by digest: a tag can change under you;"
                    + " pass --base oci:DIR@sha256:<digest>, the digest being one listed in DIR/index.json (or an index's manifest)");
        }
        String hex = text.substring(at + 8);
        String dir = text.substring(PREFIX.length(), at);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new InputException("--base '" + Printable.escape(text) + "': the digest must be sha256: and 64 lower-case hex digits");
        }
        if (dir.isEmpty()) {
            throw new InputException("--base '" + Printable.escape(text) + "': expected oci:DIR@sha256:<digest>, DIR the layout directory");
        }
        return new BaseImage(workingDirectory.resolve(dir).normalize(), hex);
    }

    @Override
    public String toString() {
        return PREFIX + layout + "@sha256:" + sha256;
    }
}
