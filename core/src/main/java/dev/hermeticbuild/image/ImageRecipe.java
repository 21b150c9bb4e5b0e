package dev.hermeticbuild.image;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The image a build asks the runner to assemble from its collected outputs once the command has
 * finished: the base (empty for {@code scratch}), layers taken from outputs, the container
 * configuration, and the output name the layout gets. The build command never touches it, so
 * nothing it does can change the base, the configuration or the code that assembles the image.
 */
public record ImageRecipe(Optional<BaseImage> base, Optional<Platform> platform, List<Layer> layers, List<String> entrypoint,
                          Map<String, String> environment, Map<String, String> labels, String name) {

    /** The output name of the image layout when none is given. */
    public static final String DEFAULT_NAME = "image";

    /** The name of the base image's entry among the provenance's resolved dependencies. */
    public static final String BASE_DEPENDENCY = "image:base";

    /** One layer: an output of the build (a file or a directory, by its output name) at an absolute path in the image. */
    public record Layer(String output, String destination) {

        public Layer {
            output = outputName(output, "--image-layer '" + Printable.escape(output) + ":" + Printable.escape(destination) + "'");
        }

        /** Parses {@code OUTPUT:DEST}, OUTPUT a path relative to the workspace that the build outputs. */
        public static Layer parse(String text) {
            LayerSpec spec = LayerSpec.parse(text, Path.of(""));
            return new Layer(spec.source().toString(), spec.destination());
        }

        @Override
        public String toString() {
            return output + ":" + destination;
        }
    }

    public ImageRecipe {
        layers = List.copyOf(layers);
        entrypoint = List.copyOf(entrypoint);
        environment = java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        name = outputName(name, "--image-name '" + Printable.escape(name) + "'");
        if (layers.isEmpty()) {
            throw new InputException("an image needs at least one --image-layer OUTPUT:DEST (e.g. target/app.jar:/app/app.jar)");
        }
    }

    /**
     * What to give {@link ImageAssembly}: each layer's source is the copy of its output in
     * {@code collected} (never the workspace, which the build could still have changed), the
     * layout goes to {@code collected/NAME}, every time is {@code time}. A layer naming no
     * collected output, or one that is a symlink, is refused.
     */
    public ImageSpec spec(Path collected, Instant time) {
        ImageSpec.Builder spec = ImageSpec.builder(base, collected.resolve(name)).time(time).entrypoint(entrypoint);
        platform.ifPresent(spec::platform);
        environment.forEach(spec::env);
        labels.forEach(spec::label);
        for (Layer layer : layers) {
            Path source = collected.resolve(layer.output());
            if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                throw new InputException("--image-layer " + Printable.escape(layer.toString()) + ": the build did not output "
                        + Printable.escape(layer.output()) + "; a layer is made from an output (add --output " + Printable.escape(layer.output())
                        + ")");
            }
            spec.layer(new LayerSpec(source, layer.destination()));
        }
        if (Files.exists(collected.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException("--image-name " + Printable.escape(name) + ": the build already output a file or directory of that"
                    + " name; choose another --image-name");
        }
        return spec.build();
    }

    /** This recipe with its base read from the layout {@code dir} instead (the same digest: the assembly checks it is there). */
    public ImageRecipe withBaseLayout(Path dir) {
        BaseImage recorded = base.orElseThrow(() -> new InputException("the image was assembled on scratch: it has no base layout to give"));
        return new ImageRecipe(Optional.of(new BaseImage(dir.toAbsolutePath().normalize(), recorded.sha256())), platform, layers,
                entrypoint, environment, labels, name);
    }

    /** The recipe as the provenance's {@code externalParameters.image} records it (the base by digest, or {@code scratch}). */
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("base", base.map(b -> "sha256:" + b.sha256()).orElse(BaseImage.SCRATCH));
        platform.ifPresent(pl -> p.put("platform", pl.toString()));
        p.put("layers", layers.stream().map(Layer::toString).toList());
        if (!entrypoint.isEmpty()) {
            p.put("entrypoint", entrypoint);
        }
        if (!environment.isEmpty()) {
            p.put("environment", environment);
        }
        if (!labels.isEmpty()) {
            p.put("labels", labels);
        }
        return p;
    }

    private static String outputName(String text, String what) {
        if (text == null || text.isEmpty()) {
            throw new InputException(what + ": the name is empty");
        }
        Path p = Path.of(text).normalize();
        if (p.isAbsolute() || p.toString().isEmpty() || p.startsWith("..") || text.contains("\\") || text.chars().anyMatch(c -> c < 0x20)) {
            throw new InputException(what + ": expected a path relative to the workspace, inside it");
        }
        return p.toString();
    }
}
