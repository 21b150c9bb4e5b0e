package dev.hermeticbuild.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The regular files of an image's layers (path in the image, size, sha256), read from the verified
 * blobs of its layout, so the SBOM says what the image holds and which of its files are the build's
 * outputs. Bounded, since it runs on every build: a layer over {@link #MAX_LAYER_BYTES} (a base
 * image's, typically) is not read, a layer past {@link #MAX_FILES} files or {@link #MAX_BYTES} of
 * content, with a path over {@link #MAX_PATH_BYTES}, or whose headers or whole tar are over the
 * bounds of {@link BoundedTarStream}, is listed as far as read; either is marked incomplete, as is a compression it cannot read (zstd).
 */
public final class LayerContents {

    /** Most files listed per layer. */
    public static final int MAX_FILES = 10_000;
    /** Longest path listed: Linux's PATH_MAX; a longer name cannot be a file of a running container, and 10,000 of them would swell the SBOM. */
    public static final int MAX_PATH_BYTES = 4096;
    /** Largest layer blob read: listing a 137 MB JDK layer costs about a second of every build that makes the image. */
    public static final long MAX_LAYER_BYTES = 64L * 1024 * 1024;
    /** Most uncompressed bytes of file content read per layer. */
    public static final long MAX_BYTES = 256L * 1024 * 1024;
    /** Most uncompressed bytes read per layer in all: file content, headers, and the content of entries that are not files. */
    static final long MAX_TAR_BYTES = MAX_BYTES + 64L * 1024 * 1024;

    /** A regular file in a layer. */
    public record LayerFile(String path, long size, String sha256) {
    }

    /**
     * What one layer holds.
     *
     * @param files      its regular files, in tar order (whiteouts, links and directories left out)
     * @param incomplete why the list stops short (over a bound, a compression not read, an unreadable tar); empty when whole
     */
    public record Listing(List<LayerFile> files, Optional<String> incomplete) {

        public Listing {
            files = List.copyOf(files);
        }
    }

    private LayerContents() {
    }

    /** The listing of every distinct layer of {@code layout}'s manifests, by layer sha256. */
    public static Map<String, Listing> of(OciLayout layout) {
        return of(layout, MAX_LAYER_BYTES);
    }

    static Map<String, Listing> of(OciLayout layout, long maxLayerBytes) {
        Map<String, Listing> listings = new LinkedHashMap<>();
        for (ImageManifest manifest : layout.manifests()) {
            for (Descriptor layer : manifest.layers()) {
                listings.computeIfAbsent(layer.sha256(), k -> layer.size() > maxLayerBytes
                        ? new Listing(List.of(), Optional.of("layer of " + layer.size() + " bytes is over the " + maxLayerBytes
                                + " read per build; list a base image's files with its own SBOM"))
                        : list(layout.blob(layer), layer.mediaType()));
            }
        }
        return listings;
    }

    static Listing list(Path blob, String mediaType) {
        boolean gzip = mediaType.endsWith("gzip");
        if (!gzip && !mediaType.endsWith(".tar")) {
            return new Listing(List.of(), Optional.of("layer media type " + mediaType + " is not read"));
        }
        List<LayerFile> files = new ArrayList<>();
        long read = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(blob));
             BoundedTarStream in = new BoundedTarStream(gzip ? new GzipCompressorInputStream(raw, true) : raw, MAX_TAR_BYTES);
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            byte[] buffer = new byte[64 * 1024];
            for (TarArchiveEntry e = in.next(tar); e != null; e = in.next(tar)) {
                String name = normalized(e.getName());
                // a hard link has no content of its own (its target is listed where it is stored): never hash it as an empty file
                if (!e.isFile() || e.isLink() || e.isSymbolicLink() || name.isEmpty()
                        || Path.of(name).getFileName().toString().startsWith(".wh.")) {
                    continue;
                }
                int pathBytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                if (pathBytes > MAX_PATH_BYTES) {
                    return new Listing(files, Optional.of("an entry's path is " + pathBytes + " bytes, longer than any Linux path ("
                            + MAX_PATH_BYTES + "): the files before listed"));
                }
                if (files.size() == MAX_FILES) {
                    return new Listing(files, Optional.of("more than " + MAX_FILES + " files: the first " + MAX_FILES + " listed"));
                }
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                long size = 0;
                for (int n = tar.read(buffer); n >= 0; n = tar.read(buffer)) {
                    sha.update(buffer, 0, n);
                    size += n;
                    if (read + size > MAX_BYTES) {
                        return new Listing(files, Optional.of("more than " + MAX_BYTES + " bytes of content: the files before listed"));
                    }
                }
                read += size;
                files.add(new LayerFile(name, size, HexFormat.of().formatHex(sha.digest())));
            }
        } catch (IOException | IllegalArgumentException e) {
            return new Listing(files, Optional.of("layer is not a readable tar: " + e.getMessage()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new Listing(files, Optional.empty());
    }

    /** The entry name as a path in the image: no leading {@code ./} or {@code /}; empty for a name that climbs out. */
    private static String normalized(String name) {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.startsWith("./") ? n.substring(2) : n.substring(1);
        }
        String normal = Path.of(n).normalize().toString();
        return normal.startsWith("..") ? "" : normal;
    }
}
