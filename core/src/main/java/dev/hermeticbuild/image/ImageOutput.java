package dev.hermeticbuild.image;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A build output that is an OCI image: a layout directory or an archive file of one, by its name (its path relative
 * to the workspace, e.g. {@code target/image}) and what its verified {@code index.json} names. Its subjects are
 * manifest and index digests; a layout's files are not subjects, an archive file stays one.
 *
 * @param entries     what the image's {@code index.json} names, verified with every blob it reaches
 * @param layoutFiles for a layout directory, the files (relative to it) its digests cover; none for an archive
 * @param layers      what each layer holds, by layer sha256 ({@link LayerContents}), for the SBOM
 */
public record ImageOutput(String name, Form form, List<ImageContent> entries, Set<String> layoutFiles,
                          Map<String, LayerContents.Listing> layers) {

    /** Where the image was found. */
    public enum Form {
        /** An OCI image layout directory. */
        LAYOUT,
        /** A file that is a tar of an OCI image layout. */
        ARCHIVE
    }

    public ImageOutput {
        entries = List.copyOf(entries);
        layoutFiles = Set.copyOf(layoutFiles);
        layers = Map.copyOf(layers);
    }

    /** The subjects that identify this image in provenance: named after the layout, or {@code oci-archive:NAME} for an archive. */
    public List<ImageSubject> subjects() {
        return OciLayout.subjects(form == Form.ARCHIVE ? OciArchive.SUBJECT_PREFIX + name : name, entries);
    }

    /**
     * Whether {@code path} (relative, as the outputs are named) is a file of this layout that the
     * image's digests cover; another file in the layout directory is an output of its own, and so is an archive.
     */
    public boolean holds(String path) {
        return form == Form.LAYOUT && path.startsWith(name + "/") && layoutFiles.contains(path.substring(name.length() + 1));
    }

    /**
     * The images among the outputs the runner copied to {@code collected}: each of {@code directories} that holds an
     * {@code oci-layout} file, and each of {@code files} (not inside such a layout) whose content is a tar holding one,
     * unpacked under {@code scratch} to be verified. Each is read and verified; one that claims to be a layout but is
     * not a valid one is refused, naming the output.
     */
    public static List<ImageOutput> among(Path collected, List<String> directories, List<String> files, Path scratch) {
        List<ImageOutput> images = new ArrayList<>();
        for (String directory : directories) {
            String name = Path.of(directory).normalize().toString();
            Path copy = collected.resolve(name);
            if (!name.isEmpty() && !name.startsWith("..") && OciLayout.isLayout(copy)) {
                try {
                    OciLayout layout = OciLayout.read(copy);
                    images.add(new ImageOutput(name, Form.LAYOUT, layout.entries(), layout.files(), LayerContents.of(layout)));
                } catch (InputException e) {
                    throw new InputException("output " + Printable.escape(name)
                            + " holds an oci-layout file but is not a valid OCI image layout: " + e.getMessage(), e);
                }
            }
        }
        List<ImageOutput> layouts = List.copyOf(images);
        for (String file : files) {
            Path copy = collected.resolve(file);
            if (layouts.stream().noneMatch(l -> l.holds(file)) && OciArchive.kind(copy) == OciArchive.Kind.OCI) {
                try (OciArchive archive = OciArchive.open(copy, scratch)) {
                    images.add(new ImageOutput(file, Form.ARCHIVE, archive.layout().entries(), Set.of(), LayerContents.of(archive.layout())));
                } catch (InputException e) {
                    throw new InputException("output " + Printable.escape(file)
                            + " is a tar holding an oci-layout file but is not a valid OCI archive: " + e.getMessage(), e);
                }
            }
        }
        return List.copyOf(images);
    }
}
