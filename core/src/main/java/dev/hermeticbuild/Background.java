package dev.hermeticbuild;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A value computed on a daemon thread of its own while the caller goes on with other work (a
 * build's license lookup and dependency graph overlap its sandbox setup and command);
 * {@link #result} waits for it and throws what the work threw, as if it had run in the caller.
 */
public final class Background<T> {

    private final FutureTask<T> task;
    private final String name;

    private Background(FutureTask<T> task, String name) {
        this.task = task;
        this.name = name;
    }

    /** Starts {@code work} now on a daemon thread named {@code name}. */
    public static <T> Background<T> start(String name, Callable<T> work) {
        Background<T> background = new Background<>(new FutureTask<>(work), name);
        Thread thread = new Thread(background.task, name);
        thread.setDaemon(true);
        thread.start();
        return background;
    }

    /** What the work returned, once it has (waiting for it); what it threw, thrown here. */
    public T result() {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for " + name);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(name + ": " + e.getCause(), e.getCause());
        }
    }

    /** Waits for the work to end, whatever it gave (so nothing it made outlives the caller's cleanup). */
    public void awaitQuietly() {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException ignored) {
            // the caller is on its way out with an error of its own
        }
    }
}
