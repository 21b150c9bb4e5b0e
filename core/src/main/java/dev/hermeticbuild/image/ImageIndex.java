package dev.hermeticbuild.image;

import java.util.List;
import java.util.stream.Stream;

/** One verified image index blob (a multi-platform image): its descriptor and what it names, in order. */
public record ImageIndex(Descriptor descriptor, List<ImageContent> entries) implements ImageContent {

    public ImageIndex {
        entries = List.copyOf(entries);
    }

    @Override
    public Stream<ImageManifest> manifests() {
        return entries.stream().flatMap(ImageContent::manifests);
    }
}
