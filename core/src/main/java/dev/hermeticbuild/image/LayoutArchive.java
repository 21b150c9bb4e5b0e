package dev.hermeticbuild.image;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks an OCI archive (a tarball of an image layout, as Jib writes one in OCI format) into a
 * layout directory: only {@code oci-layout}, {@code index.json} and {@code blobs/sha256/HEX}
 * regular files are taken; anything else (links, devices, other names) is refused.
 */
final class LayoutArchive {

    private LayoutArchive() {
    }

    static OciLayout unpack(Path archive, Path dir) {
        try (InputStream in = Files.newInputStream(archive); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            Files.createDirectories(dir.resolve("blobs/sha256"));
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                String name = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
                if (entry.isDirectory() && (name.equals("blobs/") || name.equals("blobs/sha256/"))) {
                    continue;
                }
                boolean known = name.equals(OciLayout.LAYOUT_FILE) || name.equals(OciLayout.INDEX_FILE) || name.matches("blobs/sha256/[0-9a-f]{64}");
                if (!entry.isFile() || !known) {
                    throw new InputException("OCI archive " + Printable.escape(archive) + ": entry " + Printable.escape(name)
                            + " is not a file of an image layout (oci-layout, index.json, blobs/sha256/<hex>)");
                }
                Files.copy(tar, dir.resolve(name));
            }
        } catch (IOException e) {
            throw new InputException("cannot unpack the OCI archive " + Printable.escape(archive) + " into " + Printable.escape(dir)
                    + ": " + e.getMessage(), e);
        }
        return OciLayout.read(dir);
    }
}
