package dev.hermeticbuild.cli;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import dev.hermeticbuild.image.OciLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An artifact given on the command line that is an OCI image layout directory stands for its
 * image: the manifest (or index) blob its {@code index.json} names, whose digest is how a registry
 * and the build's provenance name the image. The layout is read and verified first; a layout of
 * several images is refused, as is a directory that is not a layout.
 *
 * @param file  the file whose bytes are signed or checked: the path itself, or the layout's manifest blob
 * @param image whether the path was an image layout
 */
record ImageLayoutArtifact(Path file, boolean image) {

    /** What {@code given} stands for; errors name it after {@code option} (none: empty). */
    static ImageLayoutArtifact of(Path given, String option) {
        if (!Files.isDirectory(given)) {
            return new ImageLayoutArtifact(given, false);
        }
        if (!OciLayout.isLayout(given)) {
            throw new InputException((option.isEmpty() ? "" : option + " ") + Printable.escape(given) + " is a directory, but not an OCI image layout (it has no "
                    + OciLayout.LAYOUT_FILE + "): give a file, or an image layout");
        }
        OciLayout layout = OciLayout.read(given);
        layout.signed(given.toString());
        return new ImageLayoutArtifact(layout.signedBlob(), true);
    }
}
