package dev.hermeticbuild.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.digest.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads one layout strictly: each blob once, JSON blobs capped in size, nothing followed through a symlink. */
final class LayoutReader {

    static final long JSON_LIMIT = 4L << 20;
    private static final long LAYOUT_FILE_LIMIT = 4096;
    private static final int MAX_DEPTH = 4;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private final Path root;
    private final String described;
    private final Set<String> verified = new HashSet<>();
    private final Optional<OciLayout.Source> fetch;

    /** @param described what the layout is called in messages, e.g. {@code OCI image layout target/image} */
    LayoutReader(Path root, String described) {
        this(root, described, Optional.empty());
    }

    /** With {@code fetch}, each file the manifests need is brought into {@code root} before it is read, and layers are not read. */
    LayoutReader(Path root, String described, Optional<OciLayout.Source> fetch) {
        this.root = root.toAbsolutePath().normalize();
        this.described = described;
        this.fetch = fetch;
    }

    /** Brings {@code relative} into the layout (at most {@code limit} bytes) when this reader fetches its files and it is not there yet. */
    private void ensure(String relative, long limit) {
        if (fetch.isEmpty() || Files.exists(root.resolve(relative), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path target = root.resolve(relative);
        try {
            Files.createDirectories(target.getParent());
            fetch.get().fetch(relative, limit, target);
        } catch (IOException e) {
            throw refused("cannot fetch " + relative + ": " + e.getMessage());
        }
    }

    static String blobPath(String sha256) {
        return "blobs/sha256/" + sha256;
    }

    OciLayout read() {
        if (Files.isSymbolicLink(root)) {
            throw refused("the layout directory is a symlink; pass the directory itself");
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw refused("not a directory");
        }
        ensure(OciLayout.LAYOUT_FILE, LAYOUT_FILE_LIMIT);
        JsonNode layout = json(OciLayout.LAYOUT_FILE, regularFile(OciLayout.LAYOUT_FILE), LAYOUT_FILE_LIMIT);
        String version = layout.path("imageLayoutVersion").asText("");
        if (!OciLayout.LAYOUT_VERSION.equals(version)) {
            throw refused(OciLayout.LAYOUT_FILE + " has imageLayoutVersion '" + version + "'; only "
                    + OciLayout.LAYOUT_VERSION + " is read");
        }
        for (String dir : List.of("blobs", "blobs/sha256")) {
            if (Files.isSymbolicLink(root.resolve(dir))) {
                throw refused(dir + " is a symlink; blobs must lie inside the layout");
            }
        }
        ensure(OciLayout.INDEX_FILE, JSON_LIMIT);
        JsonNode index = json(OciLayout.INDEX_FILE, regularFile(OciLayout.INDEX_FILE), JSON_LIMIT);
        List<ImageContent> entries = indexEntries(index, OciLayout.INDEX_FILE, Optional.empty(), 0);
        if (entries.isEmpty()) {
            throw refused(OciLayout.INDEX_FILE + " names no manifest");
        }
        return new OciLayout(root, entries, described);
    }

    private List<ImageContent> indexEntries(JsonNode index, String where, Optional<String> declaredType, int depth) {
        if (depth > MAX_DEPTH) {
            throw refused(where + ": indexes nest deeper than " + MAX_DEPTH);
        }
        requireSchema2(index, where);
        String mediaType = index.path("mediaType").asText("");
        if (!mediaType.isEmpty() && !MediaTypes.INDEXES.contains(mediaType)) {
            throw refused(where + " has mediaType '" + mediaType + "', not an image index");
        }
        declaredType.filter(t -> !mediaType.isEmpty() && !t.equals(mediaType)).ifPresent(t -> {
            throw refused(where + " says it is " + mediaType + " but its descriptor says " + t);
        });
        JsonNode manifests = index.path("manifests");
        if (!manifests.isArray()) {
            throw refused(where + " has no manifests array");
        }
        List<ImageContent> entries = new ArrayList<>();
        for (int i = 0; i < manifests.size(); i++) {
            String entryWhere = where + " manifests[" + i + "]";
            Descriptor d = descriptor(manifests.get(i), entryWhere);
            String named = entryWhere + " (" + d.digest() + d.platform().map(p -> ", " + p).orElse("") + ")";
            if (MediaTypes.INDEXES.contains(d.mediaType())) {
                JsonNode nested = jsonBlob(d, named);
                entries.add(new ImageIndex(d, indexEntries(nested, blobPath(d.sha256()), Optional.of(d.mediaType()), depth + 1)));
            } else if (MediaTypes.MANIFESTS.contains(d.mediaType())) {
                entries.add(manifest(d, named));
            } else {
                throw refused(entryWhere + " has unknown media type '" + d.mediaType() + "'; an image layout names "
                        + "image manifests (" + MediaTypes.OCI_MANIFEST + ") or indexes (" + MediaTypes.OCI_INDEX + ")");
            }
        }
        return entries;
    }

    private ImageManifest manifest(Descriptor d, String named) {
        JsonNode manifest = jsonBlob(d, named);
        String where = blobPath(d.sha256()) + " (manifest of " + named + ")";
        requireSchema2(manifest, where);
        String mediaType = manifest.path("mediaType").asText("");
        if (!mediaType.isEmpty() && !mediaType.equals(d.mediaType())) {
            throw refused(where + " says it is " + mediaType + " but its descriptor says " + d.mediaType());
        }
        Descriptor config = descriptor(manifest.path("config"), where + " config");
        if (!MediaTypes.CONFIGS.contains(config.mediaType())) {
            throw refused(where + " config has unknown media type '" + config.mediaType() + "'");
        }
        JsonNode configJson = jsonBlob(config, where + " config");
        JsonNode layersJson = manifest.path("layers");
        if (!layersJson.isArray()) {
            throw refused(where + " has no layers array");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (int i = 0; i < layersJson.size(); i++) {
            Descriptor layer = descriptor(layersJson.get(i), where + " layers[" + i + "]");
            if (!MediaTypes.LAYERS.contains(layer.mediaType())) {
                throw refused(where + " layers[" + i + "] has unknown media type '" + layer.mediaType() + "'");
            }
            if (fetch.isEmpty()) {
                verifyBlob(layer, where + " layers[" + i + "]");
            }
            layers.add(layer);
        }
        Optional<Platform> platform = d.platform().or(() -> platformOf(configJson));
        return new ImageManifest(d, config, layers, platform);
    }

    private static Optional<Platform> platformOf(JsonNode config) {
        String os = config.path("os").asText("");
        String arch = config.path("architecture").asText("");
        if (os.isEmpty() || arch.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Platform(os, arch, Optional.of(config.path("variant").asText(""))));
    }

    private void requireSchema2(JsonNode node, String where) {
        if (!node.isObject() || node.path("schemaVersion").asInt(0) != 2) {
            throw refused(where + " is not a JSON object with schemaVersion 2");
        }
    }

    private Descriptor descriptor(JsonNode node, String where) {
        if (!node.isObject()) {
            throw refused(where + " is not a descriptor object");
        }
        String mediaType = node.path("mediaType").asText("");
        String digest = node.path("digest").asText("");
        JsonNode size = node.path("size");
        if (mediaType.isEmpty()) {
            throw refused(where + " has no mediaType");
        }
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw refused(where + " has digest '" + dev.hermeticbuild.Printable.escape(digest)
                    + "'; expected sha256:<64 lower-case hex>");
        }
        if (!size.canConvertToLong() || !size.isIntegralNumber() || size.asLong() < 0) {
            throw refused(where + " has no valid size");
        }
        Optional<Platform> platform = Optional.empty();
        JsonNode p = node.path("platform");
        if (!p.isMissingNode()) {
            String os = p.path("os").asText("");
            String arch = p.path("architecture").asText("");
            if (os.isEmpty() || arch.isEmpty()) {
                throw refused(where + " has a platform without os and architecture");
            }
            platform = Optional.of(new Platform(os, arch, Optional.of(p.path("variant").asText(""))));
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        node.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        return new Descriptor(mediaType, digest.substring(7), size.asLong(), platform, annotations);
    }

    private JsonNode jsonBlob(Descriptor d, String what) {
        if (d.size() > JSON_LIMIT) {
            throw refused(what + " states a size of " + d.size() + " bytes, over the " + JSON_LIMIT
                    + " bytes a manifest, index or config may have");
        }
        ensure(blobPath(d.sha256()), d.size());
        Path file = blobFile(d, what);
        byte[] bytes = readCapped(blobPath(d.sha256()), file, JSON_LIMIT);
        check(d, what, bytes.length, Sha256.ofBytes(bytes));
        verified.add(d.sha256());
        return parse(blobPath(d.sha256()), bytes);
    }

    private void verifyBlob(Descriptor d, String what) {
        if (!verified.add(d.sha256())) {
            return;
        }
        Path file = blobFile(d, what);
        MessageDigest digest = Sha256.newDigest();
        long read = 0;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while (read <= d.size() && (n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                read += n;
            }
        } catch (IOException e) {
            throw refused("cannot read " + blobPath(d.sha256()) + " (" + what + "): " + e.getMessage());
        }
        check(d, what, read, HexFormat.of().formatHex(digest.digest()));
    }

    private void check(Descriptor d, String what, long size, String sha256) {
        String file = blobPath(d.sha256());
        if (size != d.size()) {
            throw refused(file + " (" + what + ") has " + (size > d.size() ? "more than " : "") + size
                    + " bytes but its descriptor says " + d.size());
        }
        if (!sha256.equals(d.sha256())) {
            throw refused(file + " (" + what + ") hashes to sha256:" + sha256 + ", not to its name: the blob was changed");
        }
    }

    private Path blobFile(Descriptor d, String what) {
        String relative = blobPath(d.sha256());
        Path file = root.resolve(relative);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw refused("blob " + relative + " (" + what + ") is missing");
        }
        if (attributes.isSymbolicLink()) {
            throw refused("blob " + relative + " (" + what + ") is a symlink; blobs must be files inside the layout");
        }
        if (!attributes.isRegularFile()) {
            throw refused("blob " + relative + " (" + what + ") is not a regular file");
        }
        return file;
    }

    private Path regularFile(String name) {
        Path file = root.resolve(name);
        if (Files.isSymbolicLink(file)) {
            throw refused(name + " is a symlink; it must be a file inside the layout");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(name + " is missing");
        }
        return file;
    }

    private JsonNode json(String name, Path file, long limit) {
        return parse(name, readCapped(name, file, limit));
    }

    private byte[] readCapped(String name, Path file, long limit) {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                throw refused(name + " is larger than the " + limit + " bytes it may have");
            }
            return bytes;
        } catch (IOException e) {
            throw refused("cannot read " + name + ": " + e.getMessage());
        }
    }

    private InputException refused(String what) {
        return new InputException(described + ": " + what);
    }

    private JsonNode parse(String name, byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw refused(name + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw refused(name + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
