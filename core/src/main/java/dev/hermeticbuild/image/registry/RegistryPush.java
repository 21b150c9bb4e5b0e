package dev.hermeticbuild.image.registry;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.image.Descriptor;
import dev.hermeticbuild.image.ImageContent;
import dev.hermeticbuild.image.ImageIndex;
import dev.hermeticbuild.image.ImageManifest;
import dev.hermeticbuild.image.OciLayout;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Pushes the one image of a verified OCI layout (a manifest, or an index with its manifests) to a
 * repository by digest: blobs the registry lacks, then each manifest under its own digest, children
 * before the index naming them. A tag in the target is set last, for people; identity is the digest.
 */
public final class RegistryPush {

    private final RegistryOptions options;

    public RegistryPush(RegistryOptions options) {
        this.options = options;
    }

    /** Pushes {@code layout}'s image to {@code target}'s repository; a digest in {@code target} must be the image's. */
    public PushedImage push(OciLayout layout, ImageRef target) {
        if (layout.entries().size() != 1) {
            throw new InputException(layout + ": index.json names " + layout.entries().size() + " images; push takes a"
                    + " layout of one image (a manifest, or an index for several platforms)");
        }
        ImageContent image = layout.entries().get(0);
        Descriptor top = image.descriptor();
        target.sha256().filter(d -> !d.equals(top.sha256())).ifPresent(d -> {
            throw new InputException("--to " + target + ": the layout's image is " + top.digest() + ", not sha256:" + d);
        });
        RegistryClient client = new RegistryClient(target.registry(), options);
        client.ping();
        push(client, layout, target.repository(), image);
        target.tag().ifPresent(tag -> client.putManifest(target.repository(), tag, top.mediaType(), manifestBytes(layout, top)));
        List<PushedImage> manifests = image instanceof ImageIndex
                ? image.manifests().map(m -> new PushedImage(target.at(m.descriptor().sha256()), m.descriptor().mediaType(),
                        m.descriptor().size(), List.of())).toList()
                : List.of();
        return new PushedImage(target.at(top.sha256()), top.mediaType(), top.size(), manifests);
    }

    private void push(RegistryClient client, OciLayout layout, String repo, ImageContent content) {
        if (content instanceof ImageIndex index) {
            for (ImageContent child : index.entries()) {
                push(client, layout, repo, child);
            }
        } else {
            ImageManifest manifest = (ImageManifest) content;
            pushBlob(client, layout, repo, manifest.config());
            for (Descriptor layer : manifest.layers()) {
                pushBlob(client, layout, repo, layer);
            }
        }
        Descriptor d = content.descriptor();
        client.putManifest(repo, d.digest(), d.mediaType(), manifestBytes(layout, d));
    }

    private static void pushBlob(RegistryClient client, OciLayout layout, String repo, Descriptor blob) {
        if (client.hasBlob(repo, blob.sha256())) {
            return;
        }
        Path file = layout.blob(blob);
        try {
            client.pushBlob(repo, blob.sha256(), HttpRequest.BodyPublishers.ofFile(file));
        } catch (FileNotFoundException e) {
            throw new InputException(layout + ": blob " + blob.digest() + " vanished after the layout was verified");
        }
    }

    /** The manifest's bytes, read again and checked against its digest (the layout may have changed since it was read). */
    private static byte[] manifestBytes(OciLayout layout, Descriptor d) {
        Path file = layout.blob(d);
        try {
            if (Files.size(file) > RegistryClient.MANIFEST_LIMIT) {
                throw new InputException(layout + ": manifest " + d.digest() + " is over " + RegistryClient.MANIFEST_LIMIT + " bytes");
            }
            byte[] bytes = Files.readAllBytes(file);
            if (!Sha256.ofBytes(bytes).equals(d.sha256())) {
                throw new InputException(layout + ": manifest " + d.digest() + " changed after the layout was verified");
            }
            return bytes;
        } catch (IOException e) {
            throw new InputException(layout + ": cannot read manifest " + Printable.escape(file) + ": " + e.getMessage(), e);
        }
    }
}
