package dev.hermeticbuild.cli;

import dev.hermeticbuild.Printable;
import dev.hermeticbuild.image.Platform;
import dev.hermeticbuild.image.registry.ImageRef;
import dev.hermeticbuild.image.registry.RegistryPull;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hermetic pull}: an image by digest from a registry into a new OCI image layout, the base an offline image build takes. */
@Command(name = "pull", description = "Pull an image by digest from a registry into a new OCI image layout (every blob checked"
        + " against its digest), the base that hermetic image --base and build --image-base take offline. Prints the digest to"
        + " build on.")
final class PullCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--image", paramLabel = "REG/REPO@sha256:HEX", required = true, description = "The image, pinned by digest.")
    String image;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The layout to write (a new directory).")
    Path out;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Of a multi-platform image, pull only this"
            + " platform's manifest (the layout then holds that manifest, and its digest is the one to build on).")
    String platform;

    @Mixin
    RegistryAccessOptions registry;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        ImageRef ref = ImageRef.parse(image, "--image").requirePinned("--image");
        Optional<Platform> p = Optional.ofNullable(platform).map(Platform::parse);
        RegistryPull.Pulled pulled = new RegistryPull(registry.options(ref.registry(), System.getenv())).pull(ref, p, out);
        String base = "oci:" + out + "@sha256:" + pulled.sha256();
        if (json.enabled) {
            json.result(Json.object().put("layout", out.toString()).put("digest", "sha256:" + pulled.sha256())
                    .put("mediaType", pulled.mediaType()).put("base", base));
        } else {
            spec.commandLine().getOut().println("pulled " + ref + " into " + Printable.escape(out));
            spec.commandLine().getOut().println("build on it with --image-base " + Printable.escape(base));
        }
        return ExitCodes.OK;
    }
}
