package dev.hermeticbuild.cli;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import dev.hermeticbuild.image.AssembledImage;
import dev.hermeticbuild.image.BaseImage;
import dev.hermeticbuild.image.ImageAssembly;
import dev.hermeticbuild.image.ImageSpec;
import dev.hermeticbuild.image.LayerSpec;
import dev.hermeticbuild.image.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hermetic image}: assemble an OCI image layout from a base pinned by digest and build outputs, offline and reproducibly. */
@Command(name = "image", description = "Assemble a container image (OCI image layout) without a daemon or network, on Jib: a base pinned by"
        + " digest in a local OCI layout, one layer per --layer, fixed times (SOURCE_DATE_EPOCH, else 1970-01-01T00:00:01Z), owners"
        + " 0:0 and modes, so the same inputs give the same manifest digest.")
final class ImageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "-C", paramLabel = "DIR", description = "Where relative paths are read from (default: current directory).")
    Path workingDirectory = Path.of(".");

    @Option(names = "--base", paramLabel = "oci:DIR@sha256:HEX", required = true,
            description = "The base image: a manifest or index digest in the OCI image layout DIR. Tags and registry references are refused.")
    String base;

    @Option(names = "--layer", paramLabel = "SRC:DEST", description = "A file or directory put at the absolute path DEST, as its own layer"
            + " (repeatable, in order).")
    List<String> layers = new ArrayList<>();

    @Option(names = "--entrypoint", paramLabel = "ARG,ARG...", description = "The entrypoint, its words separated by commas.")
    String entrypoint;

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "An environment variable of the image (repeatable).")
    List<String> environment = new ArrayList<>();

    @Option(names = "--label", paramLabel = "NAME=VALUE", description = "A label of the image (repeatable).")
    List<String> labels = new ArrayList<>();

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Which manifest of a multi-platform base to build on.")
    String platform;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where to write the OCI image layout (new or empty).")
    Path out;

    @picocli.CommandLine.Mixin
    JsonOption json;

    @Override
    public Integer call() {
        Path dir = workingDirectory.toAbsolutePath().normalize();
        ImageSpec.Builder image = ImageSpec.builder(BaseImage.parse(base, dir), dir.resolve(out))
                .time(ImageSpec.timeFrom(System.getenv()));
        layers.forEach(l -> image.layer(LayerSpec.parse(l, dir)));
        if (entrypoint != null) {
            image.entrypoint(Arrays.asList(entrypoint.split(",", -1)));
        }
        environment.forEach(e -> image.env(name("--env", e), e.substring(e.indexOf('=') + 1)));
        labels.forEach(l -> image.label(name("--label", l), l.substring(l.indexOf('=') + 1)));
        if (platform != null) {
            image.platform(Platform.parse(platform));
        }
        AssembledImage assembled = ImageAssembly.assemble(image.build());
        if (json.enabled) {
            json.result(Json.object().put("layout", assembled.layout().root().toString()).put("digest", assembled.digest())
                    .put("base", "sha256:" + assembled.baseManifestSha256()).put("layers", assembled.manifest().layers().size()));
        } else {
            spec.commandLine().getOut().println("image: " + assembled.digest() + " in " + Printable.escape(assembled.layout().root())
                    + " (" + assembled.manifest().layers().size() + " layers, base sha256:" + assembled.baseManifestSha256() + ")");
        }
        return ExitCodes.OK;
    }

    private static String name(String option, String pair) {
        int eq = pair.indexOf('=');
        if (eq <= 0 || !pair.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
            throw new InputException(option + " '" + Printable.escape(pair) + "': expected NAME=VALUE");
        }
        return pair.substring(0, eq);
    }
}
