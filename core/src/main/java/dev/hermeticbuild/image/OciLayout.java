package dev.hermeticbuild.image;

import dev.hermeticbuild.Printable;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.Collections;

/**
 * A verified OCI image layout directory: {@code oci-layout} at version 1.0.0, {@code index.json},
 * and every blob they reach under {@code blobs/sha256/}, each present, of its stated size and
 * hashing to its digest. Reading refuses the first problem, naming the file and what is wrong.
 */
public final class OciLayout {

    public static final String LAYOUT_FILE = "oci-layout";
    public static final String INDEX_FILE = "index.json";
    public static final String LAYOUT_VERSION = "1.0.0";

    private final Path root;
    private final List<ImageContent> entries;
    private final String described;

    OciLayout(Path root, List<ImageContent> entries, String described) {
        this.root = root;
        this.entries = List.copyOf(entries);
        this.described = described;
    }

    /** Whether {@code dir} looks like an image layout (holds an {@code oci-layout} file); says nothing of its validity. */
    public static boolean isLayout(Path dir) {
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && Files.exists(dir.resolve(LAYOUT_FILE), LinkOption.NOFOLLOW_LINKS);
    }

    /** Reads and verifies the layout at {@code dir}; refuses any missing, oversized, mismatched or unknown part. */
    public static OciLayout read(Path dir) {
        return new LayoutReader(dir, "OCI image layout " + Printable.escape(dir.toAbsolutePath().normalize())).read();
    }

    /** Copies one file of a layout held elsewhere (e.g. on a Jenkins agent) to where the reader will read it. */
    @FunctionalInterface
    public interface Source {
        /**
         * Writes the layout's file {@code relative} (e.g. {@code index.json}, {@code blobs/sha256/HEX}) to {@code target},
         * failing with an IOException past {@code maxBytes} or when it is not a regular file there.
         */
        void fetch(String relative, long maxBytes, Path target) throws java.io.IOException;
    }

    /**
     * The manifests of a layout held elsewhere, read into {@code dir} (an empty directory) file by file as {@code files}
     * brings them: {@code oci-layout}, {@code index.json} and every index, manifest and config blob, each checked against its
     * digest and size; the layers are neither fetched nor read. Enough to sign or verify the image by its manifest digest
     * without copying the image.
     */
    public static OciLayout readManifests(Path dir, Source files) {
        return new LayoutReader(dir, "OCI image layout " + Printable.escape(dir.toAbsolutePath().normalize()) + " (its manifests)",
                Optional.of(files)).read();
    }

    /** The layout directory. */
    public Path root() {
        return root;
    }

    /** What {@code index.json} names, in its order. */
    public List<ImageContent> entries() {
        return entries;
    }

    /** Every image manifest the layout holds, nested indexes included. */
    public List<ImageManifest> manifests() {
        return entries.stream().flatMap(ImageContent::manifests).toList();
    }

    /**
     * The files of the layout, relative to its root, that its verified content accounts for:
     * {@code oci-layout}, {@code index.json} and every blob an index or manifest reaches. Any
     * other file in the directory is not covered by the image's digests.
     */
    public Set<String> files() {
        Set<String> files = new TreeSet<>(Set.of(LAYOUT_FILE, INDEX_FILE));
        for (ImageContent entry : entries) {
            reached(entry, files);
        }
        return Collections.unmodifiableSet(files);
    }

    private static void reached(ImageContent content, Set<String> files) {
        files.add(LayoutReader.blobPath(content.descriptor().sha256()));
        if (content instanceof ImageIndex index) {
            index.entries().forEach(e -> reached(e, files));
        } else if (content instanceof ImageManifest manifest) {
            files.add(LayoutReader.blobPath(manifest.config().sha256()));
            manifest.layers().forEach(l -> files.add(LayoutReader.blobPath(l.sha256())));
        }
    }

    /**
     * What a signature over this layout's image is made over, as the output {@code name}: its one
     * entry (a manifest, or an index of platform manifests), refused when it holds several images;
     * a signature over its bytes is one over its digest, which is how a registry names the image.
     */
    public ImageSubject signed(String name) {
        if (entries.size() != 1) {
            throw new dev.hermeticbuild.InputException("image " + dev.hermeticbuild.Printable.escape(name) + ": the layout's index.json lists "
                    + entries.size() + " images, and a signature stands for one: give a layout of one image (or of one index of platforms)");
        }
        return subjects(name).get(0);
    }

    /** The bytes {@link #signed} names (a manifest or an index, in the layout's blobs), verified when the layout was read. */
    public Path signedBlob() {
        return blob(entries.get(0).descriptor());
    }

    /** The file of a blob the layout holds. */
    public Path blob(Descriptor descriptor) {
        return root.resolve(LayoutReader.blobPath(descriptor.sha256()));
    }

    /**
     * The subjects of this image as the output {@code name}: one entry in {@code index.json} is
     * {@code name} itself; several are {@code name@PLATFORM} (or {@code name@REF}, or
     * {@code name@N}). An index is its own digest under that name, and each of its manifests is
     * {@code name@PLATFORM}. Names are unique; a repeated one gets {@code #N} appended.
     */
    public List<ImageSubject> subjects(String name) {
        return subjects(name, entries);
    }

    /** The subjects of images whose {@code index.json} names {@code entries}, named as {@link #subjects(String)} says. */
    static List<ImageSubject> subjects(String name, List<ImageContent> entries) {
        Map<String, ImageSubject> subjects = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            ImageContent entry = entries.get(i);
            String base = entries.size() == 1 ? name : name + "@" + label(entry, i);
            add(subjects, base, entry.descriptor());
            if (entry instanceof ImageIndex index) {
                List<ImageManifest> manifests = index.manifests().toList();
                for (int m = 0; m < manifests.size(); m++) {
                    add(subjects, base + "@" + label(manifests.get(m), m), manifests.get(m).descriptor());
                }
            }
        }
        return List.copyOf(subjects.values());
    }

    private static String label(ImageContent content, int position) {
        if (content instanceof ImageManifest manifest && manifest.platform().isPresent()) {
            return manifest.platform().get().toString();
        }
        String ref = content.descriptor().annotations().get("org.opencontainers.image.ref.name");
        return ref != null && ref.matches("[A-Za-z0-9._:/-]{1,128}") ? ref : Integer.toString(position);
    }

    private static void add(Map<String, ImageSubject> subjects, String name, Descriptor d) {
        String unique = name;
        for (int n = 2; subjects.containsKey(unique); n++) {
            unique = name + "#" + n;
        }
        subjects.put(unique, new ImageSubject(unique, d.sha256(), d.mediaType(), d.size()));
    }

    @Override
    public String toString() {
        return described;
    }
}
