package dev.hermeticbuild.image;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import java.nio.file.Path;

/** One {@code --layer SRC:DEST}: a file or directory (SRC) placed at an absolute path (DEST) in the image, as a layer of its own. */
public record LayerSpec(Path source, String destination) {

    /** Parses {@code SRC:DEST}; SRC is resolved against {@code workingDirectory}, DEST must be absolute and plain. */
    public static LayerSpec parse(String text, Path workingDirectory) {
        int colon = text.lastIndexOf(':');
        String destination = colon < 0 ? "" : text.substring(colon + 1);
        String source = colon < 0 ? "" : text.substring(0, colon);
        if (source.isEmpty() || !destination.startsWith("/") || destination.contains("/../") || destination.endsWith("/..")
                || destination.contains("\\") || destination.chars().anyMatch(c -> c < 0x20)) {
            throw new InputException("--layer '" + Printable.escape(text) + "': expected SRC:DEST, DEST an absolute path in the image"
                    + " without '..', e.g. target/app.jar:/app/app.jar");
        }
        return new LayerSpec(workingDirectory.resolve(source).normalize(), destination);
    }
}
