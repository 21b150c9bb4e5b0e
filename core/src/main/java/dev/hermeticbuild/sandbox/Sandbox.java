package dev.hermeticbuild.sandbox;

import java.util.List;

/**
 * One way of running a command isolated from the host. Implementations only translate a
 * {@link SandboxSpec} and a command into the host command line that runs it isolated;
 * {@link SandboxedProcess} starts it, streams its output and enforces the timeout.
 */
public interface Sandbox {

    /** Short, stable name recorded in provenance: {@code bubblewrap}, {@code unshare} or {@code none}. */
    String mechanism();

    /** Whether this mechanism gives the command its own network, mount, pid, ipc, uts and user namespaces. */
    boolean isolates();

    /** The seccomp filter this mechanism puts on the command, if any. */
    default java.util.Optional<SeccompFilter> seccomp() {
        return java.util.Optional.empty();
    }

    /** Where the command sees the runner's JDK: its host path unless the mechanism binds it elsewhere. */
    default String runnerJdk() {
        return RunnerFiles.jdk().toString();
    }

    /** Where the command sees the egress probe's classpath directory. */
    default String probeClasspath() {
        return RunnerFiles.probeClasses().toString();
    }

    /**
     * Whether this sandbox lays out a spec's {@link SandboxSpec#linkFarm() link farm} itself, on a
     * private tmpfs; a spec with a farm is refused by a sandbox that does not.
     */
    default boolean laysOutLinkFarms() {
        return false;
    }

    /** The host command line that runs {@code command} inside this sandbox. */
    List<String> commandLine(SandboxSpec spec, List<String> command);

    /**
     * Host commands that must run before anything drops the runner's privileges (the build user's
     * {@code setpriv}): e.g. opening a runner-only file on a descriptor the sandbox inherits.
     */
    default List<String> launchWrapper() {
        return List.of();
    }

    /** The working directory, on the host, for the process that {@link #commandLine} describes. */
    default java.nio.file.Path hostWorkingDirectory(SandboxSpec spec) {
        return spec.workspace();
    }
}
