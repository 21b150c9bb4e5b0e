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

    @Option(names = "--base", paramLabel = "oci:DIR@sha256:HEX|scratch", required = true,
            description = "The base image: a manifest or index digest in the OCI image layout DIR, or scratch (no base layers). Tags and registry"
                    + " references are refused.")
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
        ImageSpec.Builder image = ImageSpec.builder(BaseImage.parseOrScratch(base, dir), dir.resolve(out))
                .time(ImageSpec.timeFrom(System.getenv()));
        layers.forEach(l -> image.layer(LayerSpec.parse(l, dir)));
        if (entrypoint != null) {
            image.entrypoint(Arrays.asList(entrypoint.split(",", -1)));
        }
        BuildImageOptions.pairs("--env", environment).forEach(image::env);
        BuildImageOptions.pairs("--label", labels).forEach(image::label);
        if (platform != null) {
            image.platform(Platform.parse(platform));
        }
        AssembledImage assembled = ImageAssembly.assemble(image.build());
        if (json.enabled) {
            json.result(Json.object().put("layout", assembled.layout().root().toString()).put("digest", assembled.digest())
                    .put("base", assembled.baseManifestSha256().map(b -> "sha256:" + b).orElse(BaseImage.SCRATCH)).put("layers", assembled.manifest().layers().size()));
        } else {
            spec.commandLine().getOut().println("image: " + assembled.digest() + " in " + Printable.escape(assembled.layout().root())
                    + " (" + assembled.manifest().layers().size() + " layers, base " + assembled.baseManifestSha256().map(b -> "sha256:" + b).orElse(BaseImage.SCRATCH) + ")");
        }
        return ExitCodes.OK;
    }
}
