package dev.hermeticbuild.image;

import java.util.stream.Stream;

/** What an index names: an image manifest or another index, each verified against its descriptor. */
public sealed interface ImageContent permits ImageManifest, ImageIndex {

    /** The descriptor this content was found by; its digest is the content's identity. */
    Descriptor descriptor();

    /** The image manifests this content is or holds, nested indexes included, in index order. */
    Stream<ImageManifest> manifests();
}
