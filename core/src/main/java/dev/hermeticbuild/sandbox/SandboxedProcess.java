package dev.hermeticbuild.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a command inside a {@link Sandbox} with exactly the spec's environment, stdin from
 * /dev/null, stdout and stderr merged and copied live to every sink, and a timeout that kills
 * the whole process tree (the sandbox's pid namespace dies with its first process).
 */
public final class SandboxedProcess {

    /** How a sandboxed command ended. */
    public record Outcome(int exitCode, boolean timedOut, Instant startedOn, Instant finishedOn) {
        public boolean succeeded() {
            return exitCode == 0 && !timedOut;
        }
    }

    /** How long output may still drain after the command ended (a daemon escaping `none` can hold the pipe). */
    private static final Duration PUMP_GRACE = Duration.ofSeconds(5);

    private SandboxedProcess() {
    }

    public static Outcome run(Sandbox sandbox, SandboxSpec spec, List<String> command, Duration timeout,
                              OutputStream... sinks) {
        List<String> commandLine = new java.util.ArrayList<>(sandbox.launchWrapper());
        commandLine.addAll(spec.confinement().launchPrefix());
        commandLine.addAll(sandbox.commandLine(spec, command));
        ProcessBuilder pb = new ProcessBuilder(commandLine)
                .directory(sandbox.hostWorkingDirectory(spec).toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(spec.environment());
        Instant started = Instant.now();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IsolationException("cannot start sandbox (" + sandbox.mechanism() + "): " + e.getMessage(), e);
        }
        Thread pump = new Thread(() -> copy(process.getInputStream(), sinks), "sandbox-output");
        pump.setDaemon(true);
        pump.start();
        boolean timedOut = false;
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                killTree(process);
            }
            process.waitFor();
            if (!sandbox.isolates()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
            }
            pump.join(PUMP_GRACE.toMillis());
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new IsolationException("interrupted while the sandboxed command ran", e);
        }
        return new Outcome(timedOut ? 124 : process.exitValue(), timedOut, started, Instant.now());
    }

    /** Kills descendants first (needed without a pid namespace), then the process itself. */
    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void copy(InputStream in, OutputStream[] sinks) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                for (OutputStream sink : sinks) {
                    sink.write(buf, 0, n);
                    sink.flush();
                }
            }
        } catch (IOException e) {
            // the process ended or a sink closed; the exit code tells the outcome
        }
    }
}
