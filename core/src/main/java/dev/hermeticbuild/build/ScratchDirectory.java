package dev.hermeticbuild.build;

import dev.hermeticbuild.FileTrees;
import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One run's private temporary directory (the source export, the build's home and tree). It is
 * removed when the run ends; once nothing more is read from it (the outputs are collected), its
 * removal can start on a thread of its own while the SBOM and provenance are written, and the
 * run's end then waits for that removal to finish. Work the run began elsewhere (a background
 * task, a private copy) is ended here too, on every path out of the run.
 */
final class ScratchDirectory implements AutoCloseable {

    private final Path path;
    private final java.util.List<Runnable> beforeRemoval = new java.util.ArrayList<>();
    private Thread removal;

    private ScratchDirectory(Path path) {
        this.path = path;
    }

    static ScratchDirectory create() {
        try {
            return new ScratchDirectory(Files.createTempDirectory("hermetic-run-"));
        } catch (IOException e) {
            throw new InputException("cannot create a scratch directory: " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    /** Runs {@code step} when the run ends, whichever way it ends, before the directory is removed (to end work the run began). */
    void whenClosed(Runnable step) {
        beforeRemoval.add(step);
    }

    /** Starts removing the directory now; nothing may read or write it after this. */
    void removeInBackground() {
        if (removal == null) {
            removal = new Thread(() -> FileTrees.deleteQuietly(path), "hermetic-scratch-removal");
            removal.start();
        }
    }

    /** Removes the directory, or waits for the removal already under way. */
    @Override
    public void close() {
        beforeRemoval.forEach(Runnable::run);
        if (removal != null) {
            try {
                removal.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        FileTrees.deleteQuietly(path);
    }
}
