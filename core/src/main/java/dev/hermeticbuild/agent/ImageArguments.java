package dev.hermeticbuild.agent;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import dev.hermeticbuild.image.BaseImage;
import dev.hermeticbuild.image.ImageRecipe;
import dev.hermeticbuild.image.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The image a CI step asks {@code hermetic build} to assemble from its outputs (the step's
 * {@code image*} parameters), checked on the controller before anything runs and turned into the
 * build's {@code --image-*} options. The layout lands in the workspace at {@link #name()}.
 */
public record ImageArguments(String base, List<String> layers, List<String> entrypoint, List<String> environment,
                             List<String> labels, Optional<String> platform, String name) {

    public ImageArguments {
        layers = List.copyOf(layers);
        entrypoint = List.copyOf(entrypoint);
        environment = List.copyOf(environment);
        labels = List.copyOf(labels);
    }

    /**
     * Reads the step's parameters; empty when none is set. {@code layers} and {@code entrypoint}
     * are comma-separated (as {@code outputs} and {@code --image-entrypoint} are), each
     * environment variable and label one {@code NAME=VALUE} entry. Any parameter without
     * {@code imageBase} is refused, as is a base not pinned by digest or a layer without a destination.
     */
    public static Optional<ImageArguments> of(String base, String layers, String entrypoint, List<String> environment,
                                              List<String> labels, String platform, String name) {
        List<String> env = environment == null ? List.of() : environment;
        List<String> lab = labels == null ? List.of() : labels;
        if (blank(base)) {
            if (!blank(layers) || !blank(entrypoint) || !env.isEmpty() || !lab.isEmpty() || !blank(platform) || !blank(name)) {
                throw new InputException("imageLayers, imageEntrypoint, imageEnv, imageLabels, imagePlatform and imageName describe an"
                        + " image assembled on imageBase: give imageBase: 'oci:DIR@sha256:HEX' (or 'scratch')");
            }
            return Optional.empty();
        }
        String b = base.trim();
        try {
            BaseImage.parseOrScratch(b, Path.of(""));
        } catch (InputException e) {
            throw new InputException("imageBase: " + e.getMessage(), e);
        }
        List<String> layerList = BuildCommandLine.outputList(layers);
        if (layerList.isEmpty()) {
            throw new InputException("imageLayers: name at least one OUTPUT:DEST, e.g. imageLayers: 'target/app.jar:/app/app.jar'");
        }
        for (String layer : layerList) {
            try {
                ImageRecipe.Layer.parse(layer);
            } catch (InputException e) {
                throw new InputException("imageLayers: " + e.getMessage(), e);
            }
        }
        Optional<String> pl = blank(platform) ? Optional.empty() : Optional.of(platform.trim());
        pl.ifPresent(Platform::parse);
        for (String pair : env) {
            requirePair("imageEnv", pair);
        }
        for (String pair : lab) {
            requirePair("imageLabels", pair);
        }
        String n = blank(name) ? ImageRecipe.DEFAULT_NAME : name.trim();
        BuildCommandLine.workspaceFile(n, "imageName");
        List<String> words = blank(entrypoint) ? List.of() : List.of(entrypoint.split(",", -1));
        return Optional.of(new ImageArguments(b, layerList, words, env, lab, pl, n));
    }

    /** The {@code --image-*} options of {@code hermetic build}. */
    public List<String> options() {
        List<String> args = new ArrayList<>(List.of("--image-base", base));
        layers.forEach(l -> args.addAll(List.of("--image-layer", l)));
        if (!entrypoint.isEmpty()) {
            args.addAll(List.of("--image-entrypoint", String.join(",", entrypoint)));
        }
        environment.forEach(e -> args.addAll(List.of("--image-env", e)));
        labels.forEach(l -> args.addAll(List.of("--image-label", l)));
        platform.ifPresent(p -> args.addAll(List.of("--image-platform", p)));
        args.addAll(List.of("--image-name", name));
        return args;
    }

    private static void requirePair(String parameter, String pair) {
        int eq = pair == null ? -1 : pair.indexOf('=');
        if (eq <= 0 || !pair.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
            throw new InputException(parameter + " '" + Printable.escape(String.valueOf(pair)) + "': expected NAME=VALUE");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
