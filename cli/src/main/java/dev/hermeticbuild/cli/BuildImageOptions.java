package dev.hermeticbuild.cli;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import dev.hermeticbuild.image.BaseImage;
import dev.hermeticbuild.image.ImageRecipe;
import dev.hermeticbuild.image.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --image-*} options of {@code build} and {@code check-reproducible}: an image the
 * runner assembles from the collected outputs after the command, recorded in the provenance.
 */
final class BuildImageOptions {

    @Option(names = "--image-base", paramLabel = "oci:DIR@sha256:HEX|scratch", description = "Assemble an image from the outputs after"
            + " the build, on this base: a manifest or index digest in a local OCI image layout (DIR relative to the current"
            + " directory), or scratch. Recorded as the"
            + " image:base dependency; the image is a subject by manifest digest.")
    String base;

    @Option(names = "--image-layer", paramLabel = "OUTPUT:DEST", description = "An output (file or directory, as --output names it) put at"
            + " DEST in the image, as its own layer (repeatable, in order).")
    List<String> layers = new ArrayList<>();

    @Option(names = "--image-entrypoint", paramLabel = "ARG,ARG...", description = "The image's entrypoint, its words separated by commas.")
    String entrypoint;

    @Option(names = "--image-env", paramLabel = "NAME=VALUE", description = "An environment variable of the image (repeatable).")
    List<String> environment = new ArrayList<>();

    @Option(names = "--image-label", paramLabel = "NAME=VALUE", description = "A label of the image (repeatable).")
    List<String> labels = new ArrayList<>();

    @Option(names = "--image-platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Which manifest of a multi-platform base to"
            + " build on (for scratch: the platform the image is for, default linux/amd64).")
    String platform;

    @Option(names = "--image-name", paramLabel = "NAME", description = "The output name of the image layout in OUT (default: image).")
    String name;

    /** The recipe, if {@code --image-base} is given; any other {@code --image-*} option without it is refused. */
    Optional<ImageRecipe> recipe(Path workingDirectory) {
        if (base == null) {
            if (!layers.isEmpty() || entrypoint != null || !environment.isEmpty() || !labels.isEmpty() || platform != null || name != null) {
                throw new InputException("--image-layer, --image-entrypoint, --image-env, --image-label, --image-platform and --image-name"
                        + " describe an image assembled on --image-base: give --image-base oci:DIR@sha256:HEX (or scratch)");
            }
            return Optional.empty();
        }
        return Optional.of(new ImageRecipe(BaseImage.parseOrScratch(base, workingDirectory),
                Optional.ofNullable(platform).map(Platform::parse), layers.stream().map(ImageRecipe.Layer::parse).toList(),
                entrypoint == null ? List.of() : Arrays.asList(entrypoint.split(",", -1)), pairs("--image-env", environment),
                pairs("--image-label", labels), name == null ? ImageRecipe.DEFAULT_NAME : name));
    }

    /** {@code NAME=VALUE} options as a map, refusing a pair without a proper name. */
    static Map<String, String> pairs(String option, List<String> texts) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : texts) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || !pair.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                throw new InputException(option + " '" + Printable.escape(pair) + "': expected NAME=VALUE");
            }
            pairs.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return pairs;
    }
}
