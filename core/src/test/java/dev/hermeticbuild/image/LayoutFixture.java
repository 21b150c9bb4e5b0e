package dev.hermeticbuild.image;

import dev.hermeticbuild.digest.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Writes small real OCI image layouts for tests: one uncompressed layer holding one file per image. */
public final class LayoutFixture {

    /** What was written: the manifests' digests in order, and the index's when there is one. */
    public record Written(List<String> manifests, String index, String layer) {
    }

    private LayoutFixture() {
    }

    /** A single-platform image whose layer holds {@code /hello.txt} with {@code content}. */
    public static Written single(Path dir, String content) throws IOException {
        start(dir);
        Blob manifest = image(dir, content, "amd64");
        Files.writeString(dir.resolve(OciLayout.INDEX_FILE), "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX
                + "\",\"manifests\":[" + manifest.descriptor(MediaTypes.OCI_MANIFEST, "") + "]}");
        return new Written(List.of(manifest.sha256), null, lastLayer);
    }

    /** An index.json naming one nested index of two platforms, linux/amd64 and linux/arm64. */
    public static Written multiPlatform(Path dir) throws IOException {
        start(dir);
        List<String> manifests = new ArrayList<>();
        StringBuilder entries = new StringBuilder();
        for (String arch : List.of("amd64", "arm64")) {
            Blob m = image(dir, "hello " + arch, arch);
            manifests.add(m.sha256);
            entries.append(entries.isEmpty() ? "" : ",").append(m.descriptor(MediaTypes.OCI_MANIFEST,
                    ",\"platform\":{\"os\":\"linux\",\"architecture\":\"" + arch + "\"}"));
        }
        Blob index = blob(dir, "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[" + entries + "]}");
        Files.writeString(dir.resolve(OciLayout.INDEX_FILE), "{\"schemaVersion\":2,\"manifests\":["
                + index.descriptor(MediaTypes.OCI_INDEX, "") + "]}");
        return new Written(manifests, index.sha256, lastLayer);
    }

    /**
     * Writes the layout at {@code layout} as an OCI archive {@code tar}, as {@code docker save} (Docker 25 and later) does:
     * the directories, every file under them (sorted), then Docker's {@code manifest.json} (listing each manifest's
     * config and layers, or none when the layout is not a valid one) and {@code repositories}.
     */
    public static Path archive(Path layout, Path tar) throws IOException {
        try (OutputStream file = Files.newOutputStream(tar); TarArchiveOutputStream out = new TarArchiveOutputStream(file)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String dir : List.of("blobs/", "blobs/sha256/")) {
                out.putArchiveEntry(new TarArchiveEntry(dir));
                out.closeArchiveEntry();
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(layout)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                entry(out, layout.relativize(f).toString(), Files.readAllBytes(f));
            }
            entry(out, "manifest.json", dockerManifest(layout).getBytes(StandardCharsets.UTF_8));
            entry(out, "repositories", "{}".getBytes(StandardCharsets.UTF_8));
        }
        return tar;
    }

    /** Docker's {@code manifest.json} for the layout: one image per manifest, by blob path. */
    public static String dockerManifest(Path layout) {
        List<String> images = new ArrayList<>();
        try {
            for (ImageManifest m : OciLayout.read(layout).manifests()) {
                images.add("{\"Config\":\"blobs/sha256/" + m.config().sha256() + "\",\"RepoTags\":[\"app:dev\"],\"Layers\":["
                        + String.join(",", m.layers().stream().map(l -> "\"blobs/sha256/" + l.sha256() + "\"").toList()) + "]}");
            }
        } catch (dev.hermeticbuild.InputException e) {
            return "[]";
        }
        return "[" + String.join(",", images) + "]";
    }

    /** Adds one regular file entry to {@code out}. */
    public static void entry(TarArchiveOutputStream out, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setModTime(1000L);
        out.putArchiveEntry(entry);
        out.write(content);
        out.closeArchiveEntry();
    }

    private static String lastLayer;

    private static void start(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve(OciLayout.LAYOUT_FILE), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    private static Blob image(Path dir, String content, String arch) throws IOException {
        byte[] layer = tar("hello.txt", content.getBytes(StandardCharsets.UTF_8));
        Blob layerBlob = blob(dir, layer);
        lastLayer = layerBlob.sha256;
        Blob config = blob(dir, "{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[\"sha256:" + layerBlob.sha256 + "\"]}}");
        return blob(dir, "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
                + config.descriptor(MediaTypes.OCI_CONFIG, "") + ",\"layers\":[" + layerBlob.descriptor(MediaTypes.OCI_LAYER_TAR, "") + "]}");
    }

    static byte[] tar(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            entry(tar, name, content);
        }
        return bytes.toByteArray();
    }

    private record Blob(String sha256, long size) {
        String descriptor(String mediaType, String extra) {
            return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"sha256:" + sha256 + "\",\"size\":" + size + extra + "}";
        }
    }

    private static Blob blob(Path dir, String json) throws IOException {
        return blob(dir, json.getBytes(StandardCharsets.UTF_8));
    }

    private static Blob blob(Path dir, byte[] bytes) throws IOException {
        String sha = Sha256.ofBytes(bytes);
        Files.write(dir.resolve("blobs/sha256/" + sha), bytes);
        return new Blob(sha, bytes.length);
    }
}
