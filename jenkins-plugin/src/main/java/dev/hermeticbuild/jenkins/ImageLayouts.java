package dev.hermeticbuild.jenkins;

import dev.hermeticbuild.agent.BuildCommandLine;
import dev.hermeticbuild.image.OciLayout;
import hudson.FilePath;
import hudson.model.Run;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Image layouts a signing step names among its artifacts: an entry without wildcards that is a
 * workspace directory holding {@code oci-layout}. The layout is copied to the controller and read
 * there (every blob checked against its digest), so what is signed is the digest the controller computed.
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

    /** A copy on the controller of the layout {@code name} in the workspace; delete it with {@link #delete}. */
    static OciLayout fetch(Run<?, ?> run, FilePath ws, String name) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Files.createDirectories(RunFiles.dir(run).toPath()), "image-");
        FilePath layout = ws.child(name);
        String root = layout.getRemote();
        try {
            for (FilePath f : layout.list("**")) {
                Path target = dir.resolve(Workspaces.relative(root, f.getRemote())).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("image " + name + ": a file outside its layout: " + f.getRemote());
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    f.copyTo(out);
                }
            }
            return OciLayout.read(dir);
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw e;
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
