package dev.hermeticbuild.image;

import dev.hermeticbuild.FileTrees;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An OCI archive: a tar of an image layout, as {@code docker save} (Docker 25 and later), {@code skopeo copy oci-archive:},
 * Jib's OCI tarball and buildah write one. It is read by unpacking the layout's files into a scratch directory and
 * verifying that copy exactly as a layout directory is verified; closing removes the copy.
 */
public final class OciArchive implements AutoCloseable {

    /** What an archive's image subjects are named after, as skopeo names the transport: {@code oci-archive:target/image.tar}. */
    public static final String SUBJECT_PREFIX = "oci-archive:";
    static final int MAX_ENTRIES = 10_000;
    private static final long LAYOUT_FILE_LIMIT = 4096;
    private static final String REPOSITORIES = "repositories";
    private static final Set<String> DIRECTORIES = Set.of("", "blobs", "blobs/sha256");

    /** What a file holds, as far as images go. */
    public enum Kind {
        /** A tar holding {@code oci-layout}: it claims to be an image layout, valid or not. */
        OCI,
        /** A tar holding {@code manifest.json} but no {@code oci-layout}: a docker-save archive from before Docker 25. */
        DOCKER_LEGACY,
        /** Anything else: not a tar, or a tar of something other than an image. */
        OTHER
    }

    private final Path scratch;
    private final OciLayout layout;

    private OciArchive(Path scratch, OciLayout layout) {
        this.scratch = scratch;
        this.layout = layout;
    }

    /**
     * What {@code file} is, by its content (never its name): a tar whose headers (ustar, GNU or PAX) name
     * {@code oci-layout} is {@link Kind#OCI}. A tar that breaks off after naming it still claims to be one.
     */
    public static Kind kind(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Kind.OTHER;
        }
        boolean docker = false;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS))) {
            in.mark(512);
            byte[] header = in.readNBytes(512);
            in.reset();
            if (header.length < 512 || !TarArchiveInputStream.matches(header, header.length)) {
                return Kind.OTHER;
            }
            BoundedTarStream bounded = new BoundedTarStream(in, Long.MAX_VALUE);
            TarArchiveInputStream tar = new TarArchiveInputStream(bounded);
            for (TarArchiveEntry entry; (entry = bounded.next(tar)) != null; ) {
                String name = withoutDot(entry.getName());
                if (name.equals(OciLayout.LAYOUT_FILE)) {
                    return Kind.OCI;
                }
                docker |= name.equals(DockerManifest.FILE);
            }
        } catch (IOException | RuntimeException e) {
            // a damaged tar that named no oci-layout before the damage makes no claim to be an image
        }
        return docker ? Kind.DOCKER_LEGACY : Kind.OTHER;
    }

    /**
     * Unpacks and verifies {@code archive} in a new directory under {@code scratchParent}; refuses the first entry that is
     * not a regular file of a layout, and anything {@link OciLayout#read} refuses, naming the archive.
     */
    public static OciArchive open(Path archive, Path scratchParent) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory(scratchParent, "oci-archive");
        } catch (IOException e) {
            throw new InputException("cannot make a directory in " + Printable.escape(scratchParent) + " to read the OCI archive "
                    + Printable.escape(archive) + ": " + e.getMessage(), e);
        }
        try {
            return new OciArchive(scratch, unpack(archive, scratch));
        } catch (RuntimeException e) {
            FileTrees.deleteQuietly(scratch);
            throw e;
        }
    }

    /** The verified layout unpacked from the archive; its files exist until {@link #close()}. */
    public OciLayout layout() {
        return layout;
    }

    @Override
    public void close() {
        FileTrees.deleteQuietly(scratch);
    }

    /**
     * Unpacks {@code archive} into the empty or new directory {@code dir} and reads it as a layout. Only regular files named
     * {@code oci-layout}, {@code index.json} and {@code blobs/sha256/<hex>} are taken, each once; of what {@code docker save}
     * adds, {@code manifest.json} must list only the layout's manifests ({@link DockerManifest}) and {@code repositories}
     * (tags) is skipped. Links, devices, other names, {@code ..}, repeated entries, more than {@value #MAX_ENTRIES}
     * entries and a truncated tar are refused.
     */
    static OciLayout unpack(Path archive, Path dir) {
        String described = "OCI archive " + Printable.escape(archive);
        try (InputStream in = Files.newInputStream(archive, LinkOption.NOFOLLOW_LINKS);
             BoundedTarStream bounded = new BoundedTarStream(new BufferedInputStream(in), Long.MAX_VALUE);
             TarArchiveInputStream tar = new TarArchiveInputStream(bounded)) {
            Files.createDirectories(dir.resolve("blobs/sha256"));
            Set<String> seen = new HashSet<>();
            byte[] dockerManifest = null;
            int count = 0;
            for (TarArchiveEntry entry; (entry = bounded.next(tar)) != null; ) {
                if (++count > MAX_ENTRIES) {
                    throw new InputException(described + ": more than " + MAX_ENTRIES + " entries; an image layout has far fewer");
                }
                String name = withoutDot(entry.getName());
                String shown = Printable.escape(entry.getName());
                if (("/" + name + "/").contains("/../")) {
                    throw new InputException(described + ": entry " + shown + " leaves the layout ('..')");
                }
                String key = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
                if (!seen.add(key)) {
                    throw new InputException(described + ": entry " + shown + " appears twice; a later entry would replace the"
                            + " earlier one, so which content is meant is ambiguous");
                }
                if (entry.isSymbolicLink() || entry.isLink()) {
                    throw new InputException(described + ": entry " + shown + " is a link (to " + Printable.escape(entry.getLinkName())
                            + "); an archive of a layout holds only regular files");
                }
                if (entry.isDirectory()) {
                    if (!DIRECTORIES.contains(key)) {
                        throw notOfALayout(described, shown);
                    }
                    continue;
                }
                if (!entry.isFile() || entry.isSparse()) {
                    throw new InputException(described + ": entry " + shown + " is not a regular file");
                }
                if (name.equals(REPOSITORIES)) {
                    continue;
                }
                long limit = name.equals(OciLayout.LAYOUT_FILE) ? LAYOUT_FILE_LIMIT
                        : name.equals(OciLayout.INDEX_FILE) || name.equals(DockerManifest.FILE) ? LayoutReader.JSON_LIMIT
                        : name.matches("blobs/sha256/[0-9a-f]{64}") ? Long.MAX_VALUE : -1;
                if (limit < 0) {
                    throw notOfALayout(described, shown);
                }
                if (entry.getSize() > limit) {
                    throw new InputException(described + ": " + name + " is " + entry.getSize() + " bytes, over the " + limit
                            + " bytes it may have");
                }
                if (name.equals(DockerManifest.FILE)) {
                    dockerManifest = tar.readNBytes((int) entry.getSize());
                    if (dockerManifest.length != entry.getSize()) {
                        throw truncated(described, shown);
                    }
                    continue;
                }
                long written = Files.copy(tar, dir.resolve(name));
                if (written != entry.getSize()) {
                    throw truncated(described, shown);
                }
            }
            OciLayout layout = new LayoutReader(dir, described).read();
            if (dockerManifest != null) {
                DockerManifest.check(dockerManifest, layout, described);
            }
            return layout;
        } catch (IOException e) {
            throw new InputException(described + ": cannot be read as a tar (" + e.getMessage() + "); a truncated or damaged"
                    + " archive is refused", e);
        }
    }

    private static InputException notOfALayout(String described, String shown) {
        return new InputException(described + ": entry " + shown + " is not a file of an image layout (oci-layout, index.json,"
                + " blobs/sha256/<hex>, and Docker's manifest.json and repositories)");
    }

    private static InputException truncated(String described, String shown) {
        return new InputException(described + ": entry " + shown + " is shorter than its header says: the archive is truncated");
    }

    private static String withoutDot(String name) {
        if (name.equals(".") || name.equals("./")) {
            return "";
        }
        return name.startsWith("./") ? name.substring(2) : name;
    }
}
