package dev.hermeticbuild.jenkins;

import dev.hermeticbuild.agent.BuildCommandLine;
import dev.hermeticbuild.image.OciLayout;
import hudson.FilePath;
import hudson.model.Run;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Image layouts a signing step names among its artifacts: an entry without wildcards that is a
 * workspace directory holding {@code oci-layout}. Its manifests (not its layers) are copied to the
 * controller and read there, each checked against its digest, so what is signed is the digest the
 * controller computed, and a large image is not copied to sign it.
 */
final class ImageLayouts {

    /** The entries of a step's {@code artifacts} split into image layouts and file patterns (comma-joined, or null for none). */
    record Split(List<String> images, String files) {
    }

    private ImageLayouts() {
    }

    static Split split(FilePath ws, String pattern) throws IOException, InterruptedException {
        List<String> images = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (String entry : BuildCommandLine.outputList(pattern)) {
            boolean literal = !entry.matches(".*[*?\\[{].*");
            if (literal && ws.child(entry).child(OciLayout.LAYOUT_FILE).exists()) {
                images.add(BuildCommandLine.workspaceFile(entry.replaceAll("/+$", ""), "artifacts").orElseThrow());
            } else {
                files.add(entry);
            }
        }
        return new Split(List.copyOf(images), files.isEmpty() ? null : String.join(",", files));
    }

    /**
     * The manifests of the layout {@code name} in the workspace, copied to the controller file by file
     * ({@link OciLayout#readManifests}: oci-layout, index.json, the index, manifest and config blobs,
     * each capped and checked against its digest; never the layers); delete the copy with {@link #delete}.
     */
    static OciLayout fetch(Run<?, ?> run, FilePath ws, String name) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Files.createDirectories(RunFiles.dir(run).toPath()), "image-");
        FilePath layout = ws.child(name);
        try {
            return OciLayout.readManifests(dir, (relative, maxBytes, target) -> copy(layout.child(relative), relative, maxBytes, target));
        } catch (RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    private static void copy(FilePath file, String relative, long maxBytes, Path target) throws IOException {
        try {
            if (!file.exists() || file.isDirectory()) {
                throw new IOException(relative + " is not a file in the layout");
            }
            if (file.length() > maxBytes) {
                throw new IOException(relative + " is over the " + maxBytes + " bytes it may have");
            }
            try (InputStream in = file.read(); OutputStream out = Files.newOutputStream(target)) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw new IOException(relative + " is over the " + maxBytes + " bytes it may have");
                }
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while copying " + relative + " from the agent", e);
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
