package dev.hermeticbuild.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes one verified manifest of a layout as a {@code docker save} tarball, the only local base
 * Jib reads ({@code Jib.from(TarImage)} takes {@code manifest.json} with Config and Layers).
 */
final class DockerArchive {

    private DockerArchive() {
    }

    static void write(OciLayout layout, ImageManifest manifest, Path tarball) throws IOException {
        List<String> layers = new ArrayList<>();
        try (OutputStream file = Files.newOutputStream(tarball); TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            String config = manifest.config().sha256() + ".json";
            add(tar, config, layout.blob(manifest.config()));
            for (Descriptor layer : manifest.layers()) {
                String name = layer.sha256() + (layer.mediaType().endsWith("gzip") ? ".tar.gz" : ".tar");
                add(tar, name, layout.blob(layer));
                layers.add(name);
            }
            byte[] json = new ObjectMapper().writeValueAsBytes(List.of(Map.of("Config", config, "RepoTags", List.of(), "Layers", layers)));
            TarArchiveEntry entry = new TarArchiveEntry("manifest.json");
            entry.setSize(json.length);
            tar.putArchiveEntry(entry);
            tar.write(json);
            tar.closeArchiveEntry();
        }
    }

    private static void add(TarArchiveOutputStream tar, String name, Path blob) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(Files.size(blob));
        tar.putArchiveEntry(entry);
        Files.copy(blob, tar);
        tar.closeArchiveEntry();
    }
}
