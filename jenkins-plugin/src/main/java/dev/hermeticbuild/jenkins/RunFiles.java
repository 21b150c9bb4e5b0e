package dev.hermeticbuild.jenkins;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The build's {@code hermetic/} directory on the controller: provenance, SBOMs and bundles are
 * kept there, and agent files are fetched there to be digested by the controller itself.
 */
final class RunFiles {

    private RunFiles() {
    }

    static File dir(Run<?, ?> run) {
        return new File(run.getRootDir(), "hermetic");
    }

    /** The build's Provenance action, attached on first use. */
    static synchronized ProvenanceAction action(Run<?, ?> run) {
        ProvenanceAction a = run.getAction(ProvenanceAction.class);
        if (a == null) {
            a = new ProvenanceAction();
            run.addAction(a);
        }
        return a;
    }

    /** Stores {@code bytes} under a fresh name derived from {@code name}; returns the stored name. */
    static String store(Run<?, ?> run, String name, byte[] bytes) throws IOException {
        Fresh target = fresh(run, name);
        Files.write(target.path(), bytes);
        return target.name();
    }

    /** Copies an agent (or workspace) file here; returns the stored name. */
    static String copy(Run<?, ?> run, FilePath source, String name) throws IOException, InterruptedException {
        Fresh target = fresh(run, name);
        try (OutputStream out = Files.newOutputStream(target.path())) {
            exists(source).copyTo(out);
        }
        return target.name();
    }

    /**
     * Copies a workspace file to a temporary file on the controller, where it is digested and
     * signed; the caller deletes it.
     */
    static Path fetch(Run<?, ?> run, FilePath source) throws IOException, InterruptedException {
        Path tmp = Files.createTempFile(Files.createDirectories(dir(run).toPath()), "artifact-", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            exists(source).copyTo(out);
        }
        return tmp;
    }

    /** Reads a workspace file through its FilePath, to the controller. */
    static byte[] read(FilePath file) throws IOException, InterruptedException {
        try (InputStream in = exists(file).read()) {
            return in.readAllBytes();
        }
    }

    static FilePath exists(FilePath file) throws IOException, InterruptedException {
        if (!file.exists()) {
            throw new AbortException(Text.get("Files.Missing", file.getRemote()));
        }
        return file;
    }

    /** A file not yet in the build's directory, and its name there. */
    private record Fresh(Path path, String name) {
    }

    private static Fresh fresh(Run<?, ?> run, String name) throws IOException {
        Path dir = Files.createDirectories(dir(run).toPath());
        String flat = name.replace('/', '_').replace('\\', '_');
        String stored = flat;
        for (int i = 2; Files.exists(dir.resolve(stored)); i++) {
            stored = i + "-" + flat;
        }
        return new Fresh(dir.resolve(stored), stored);
    }
}
