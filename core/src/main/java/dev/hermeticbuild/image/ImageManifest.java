package dev.hermeticbuild.image;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One verified image manifest of a layout: its own descriptor (the digest that is the image's
 * identity), its config and layers, and the platform from the index or, failing that, the config.
 */
public record ImageManifest(Descriptor descriptor, Descriptor config, List<Descriptor> layers, Optional<Platform> platform)
        implements ImageContent {

    public ImageManifest {
        layers = List.copyOf(layers);
    }

    @Override
    public Stream<ImageManifest> manifests() {
        return Stream.of(this);
    }
}
