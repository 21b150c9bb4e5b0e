package dev.hermeticbuild.image;

import dev.hermeticbuild.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A build output that is an OCI image layout: the output's name (its path relative to the
 * workspace, e.g. {@code target/image}) and the verified layout. Its subjects are manifest and
 * index digests, not the layout's files.
 */
public record ImageOutput(String name, OciLayout layout) {

    /** The subjects that identify this image in provenance. */
    public List<ImageSubject> subjects() {
        return layout.subjects(name);
    }

    /**
     * What a signature over this image is made over: the layout's one entry (a manifest, or an
     * index of platform manifests), refused when the layout holds several images; a signature
     * over its bytes is one over its digest, which is how a registry names the image.
     */
    public ImageSubject signed() {
        if (layout.entries().size() != 1) {
            throw new InputException("image " + dev.hermeticbuild.Printable.escape(name) + ": the layout's index.json lists "
                    + layout.entries().size() + " images; sign a layout holding one image (or an index of platforms)");
        }
        return subjects().get(0);
    }

    /** The bytes {@link #signed()} names (a manifest or an index, in the layout's blobs), verified when the layout was read. */
    public Path signedBlob() {
        return layout.blob(layout.entries().get(0).descriptor());
    }

    /**
     * Whether {@code path} (relative, as the outputs are named) is a file of this layout that the
     * image's digests cover; another file in the layout directory is an output of its own.
     */
    public boolean holds(String path) {
        return path.startsWith(name + "/") && layout.files().contains(path.substring(name.length() + 1));
    }

    /**
     * The image layouts among {@code directories} (output names relative to {@code collected},
     * where the runner copied them), each read and verified; an invalid layout is refused.
     */
    public static List<ImageOutput> among(Path collected, List<String> directories) {
        List<ImageOutput> images = new ArrayList<>();
        for (String directory : directories) {
            String name = Path.of(directory).normalize().toString();
            Path copy = collected.resolve(name);
            if (!name.isEmpty() && !name.startsWith("..") && OciLayout.isLayout(copy)) {
                try {
                    images.add(new ImageOutput(name, OciLayout.read(copy)));
                } catch (InputException e) {
                    throw new InputException("output " + dev.hermeticbuild.Printable.escape(name)
                            + " holds an oci-layout file but is not a valid OCI image layout: " + e.getMessage(), e);
                }
            }
        }
        return List.copyOf(images);
    }
}
