package dev.hermeticbuild.image;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code hermetic image} assembles: a base pinned by digest (or none: scratch), layers in order, the container
 * configuration, the platform to take from a multi-platform base, where the layout goes, and the
 * one time every timestamp in the image gets (SOURCE_DATE_EPOCH, else one second after the epoch).
 */
public record ImageSpec(Optional<BaseImage> base, List<LayerSpec> layers, List<String> entrypoint, Map<String, String> environment,
                        Map<String, String> labels, Optional<Platform> platform, Path out, Instant time) {

    /** Where no SOURCE_DATE_EPOCH is given: the epoch plus one second, as Jib uses for file times. */
    public static final Instant DEFAULT_TIME = Instant.ofEpochSecond(1);

    public ImageSpec {
        layers = List.copyOf(layers);
        entrypoint = List.copyOf(entrypoint);
        environment = java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    /** The time to stamp on everything: {@code SOURCE_DATE_EPOCH} from {@code environment} when set, else {@link #DEFAULT_TIME}. */
    public static Instant timeFrom(Map<String, String> environment) {
        String epoch = environment.get("SOURCE_DATE_EPOCH");
        if (epoch == null || epoch.isBlank()) {
            return DEFAULT_TIME;
        }
        if (!epoch.matches("[0-9]{1,12}")) {
            throw new dev.hermeticbuild.InputException("SOURCE_DATE_EPOCH '" + dev.hermeticbuild.Printable.escape(epoch)
                    + "' is not a count of seconds since 1970");
        }
        return Instant.ofEpochSecond(Long.parseLong(epoch));
    }

    /** A builder; {@code base} empty is {@code scratch}. */
    public static Builder builder(Optional<BaseImage> base, Path out) {
        return new Builder(base, out);
    }

    /** Collects the options; nothing but the base and the output is required. */
    public static final class Builder {
        private final Optional<BaseImage> base;
        private final Path out;
        private final List<LayerSpec> layers = new ArrayList<>();
        private List<String> entrypoint = List.of();
        private final Map<String, String> environment = new TreeMap<>();
        private final Map<String, String> labels = new TreeMap<>();
        private Optional<Platform> platform = Optional.empty();
        private Instant time = DEFAULT_TIME;

        private Builder(Optional<BaseImage> base, Path out) {
            this.base = base;
            this.out = out;
        }

        public Builder layer(LayerSpec layer) {
            layers.add(layer);
            return this;
        }

        public Builder entrypoint(List<String> command) {
            entrypoint = List.copyOf(command);
            return this;
        }

        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder label(String name, String value) {
            labels.put(name, value);
            return this;
        }

        public Builder platform(Platform p) {
            platform = Optional.of(p);
            return this;
        }

        public Builder time(Instant t) {
            time = t;
            return this;
        }

        public ImageSpec build() {
            return new ImageSpec(base, layers, entrypoint, environment, labels, platform, out, time);
        }
    }
}
