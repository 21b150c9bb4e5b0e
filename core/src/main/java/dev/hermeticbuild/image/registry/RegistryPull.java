package dev.hermeticbuild.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import dev.hermeticbuild.bundle.StrictJson;
import dev.hermeticbuild.image.MediaTypes;
import dev.hermeticbuild.image.OciLayout;
import dev.hermeticbuild.image.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pulls one image by digest into a new OCI image layout, the base a build assembles on offline:
 * the manifest (or index and its manifests; with a platform, only that platform's manifest),
 * its config and layers, each checked against its digest, then the whole layout read back
 * ({@link OciLayout#read}). A tag is never followed; an existing directory is never written into.
 */
public final class RegistryPull {

    private static final Set<String> IMAGE_TYPES = Set.of(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX,
            MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LIST);
    private static final int MAX_MANIFESTS = 64;

    private final RegistryOptions options;

    public RegistryPull(RegistryOptions options) {
        this.options = options;
    }

    /** What was pulled: the layout, and the digest to build on (the platform's manifest when one was chosen). */
    public record Pulled(OciLayout layout, String sha256, String mediaType) {
    }

    /** Pulls {@code image} (pinned by digest) into the new directory {@code dir}, only {@code platform}'s manifest of an index if given. */
    public Pulled pull(ImageRef image, Optional<Platform> platform, Path dir) {
        image.requirePinned("--image");
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException("--out " + Printable.escape(dir) + " already exists: pull writes a new layout directory");
        }
        try {
            return into(image, platform, dir);
        } catch (RuntimeException e) {
            removeQuietly(dir);
            throw e;
        }
    }

    private Pulled into(ImageRef image, Optional<Platform> platform, Path dir) {
        RegistryClient client = new RegistryClient(image.registry(), options);
        String repo = image.repository();
        Path blobs = dir.resolve("blobs/sha256");
        try {
            Files.createDirectories(blobs);
            RegistryClient.Fetched top = client.getManifest(repo, image.digest(), IMAGE_TYPES)
                    .orElseThrow(() -> new RegistryException("registry " + image.registry() + " has no image " + image));
            RegistryClient.Fetched chosen = top;
            if (isIndex(top.mediaType())) {
                JsonNode index = RegistryJson.object(top.bytes(), "index " + image.digest());
                List<JsonNode> manifests = new ArrayList<>();
                index.path("manifests").forEach(manifests::add);
                if (manifests.size() > MAX_MANIFESTS) {
                    throw new RegistryException("index " + image.digest() + " lists " + manifests.size() + " manifests, over " + MAX_MANIFESTS);
                }
                if (platform.isPresent()) {
                    chosen = fetchManifest(client, repo, select(manifests, platform.get(), image), blobs);
                } else {
                    Files.write(blobs.resolve(top.sha256()), top.bytes());
                    for (int i = 0; i < manifests.size(); i++) {
                        fetchManifest(client, repo, manifests.get(i), blobs);
                    }
                }
            } else {
                fetchImage(client, repo, top, blobs);
            }
            if (chosen != top || !isIndex(top.mediaType())) {
                Files.write(blobs.resolve(chosen.sha256()), chosen.bytes());
            }
            ObjectNode index = StrictJson.mapper().createObjectNode();
            index.put("schemaVersion", 2);
            index.put("mediaType", MediaTypes.OCI_INDEX);
            index.putArray("manifests").add(RegistryJson.descriptor(chosen.mediaType(), chosen.sha256(), chosen.bytes().length));
            Files.write(dir.resolve(OciLayout.INDEX_FILE), RegistryJson.bytes(index));
            Files.writeString(dir.resolve(OciLayout.LAYOUT_FILE), "{\"imageLayoutVersion\":\"" + OciLayout.LAYOUT_VERSION + "\"}");
            return new Pulled(OciLayout.read(dir), chosen.sha256(), chosen.mediaType());
        } catch (IOException e) {
            throw new InputException("cannot write the layout " + Printable.escape(dir) + ": " + e.getMessage(), e);
        }
    }

    private RegistryClient.Fetched fetchManifest(RegistryClient client, String repo, JsonNode descriptor, Path blobs) throws IOException {
        String sha = RegistryJson.sha256(descriptor, "index entry");
        String type = RegistryJson.text(descriptor, "mediaType", "index entry sha256:" + sha);
        if (isIndex(type)) {
            throw new RegistryException("index entry sha256:" + sha + " is itself an index: pull the platform's manifest with --platform");
        }
        RegistryClient.Fetched manifest = client.getManifest(repo, "sha256:" + sha, IMAGE_TYPES)
                .orElseThrow(() -> new RegistryException("registry " + client.registry() + " lists manifest sha256:" + sha
                        + " in the index but does not serve it"));
        fetchImage(client, repo, manifest, blobs);
        Files.write(blobs.resolve(manifest.sha256()), manifest.bytes());
        return manifest;
    }

    private void fetchImage(RegistryClient client, String repo, RegistryClient.Fetched manifest, Path blobs) {
        JsonNode m = RegistryJson.object(manifest.bytes(), "manifest sha256:" + manifest.sha256());
        List<JsonNode> blobsOf = new ArrayList<>();
        blobsOf.add(m.path("config"));
        m.path("layers").forEach(blobsOf::add);
        for (JsonNode d : blobsOf) {
            String sha = RegistryJson.sha256(d, "manifest sha256:" + manifest.sha256());
            Path target = blobs.resolve(sha);
            if (!Files.exists(target)) {
                client.downloadBlob(repo, sha, RegistryJson.size(d, "manifest sha256:" + manifest.sha256()), target);
            }
        }
    }

    private static JsonNode select(List<JsonNode> manifests, Platform platform, ImageRef image) {
        List<String> offered = new ArrayList<>();
        for (JsonNode d : manifests) {
            JsonNode p = d.path("platform");
            String os = p.path("os").asText("");
            String arch = p.path("architecture").asText("");
            String variant = p.path("variant").asText("");
            offered.add(os + "/" + arch + (variant.isEmpty() ? "" : "/" + variant));
            if (os.equals(platform.os()) && arch.equals(platform.architecture())
                    && (platform.variant().isEmpty() || platform.variant().get().equals(variant))) {
                return d;
            }
        }
        throw new InputException("--platform " + platform + ": image " + image + " has no such manifest; it offers " + offered);
    }

    private static void removeQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // what was left is named by the error the caller reports
        }
    }

    private static boolean isIndex(String mediaType) {
        return mediaType.equals(MediaTypes.OCI_INDEX) || mediaType.equals(MediaTypes.DOCKER_LIST);
    }
}
