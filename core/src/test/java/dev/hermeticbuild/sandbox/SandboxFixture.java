package dev.hermeticbuild.sandbox;


import dev.hermeticbuild.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs commands in real sandboxes for the isolation tests; every namespace mechanism installed here is tested. */
final class SandboxFixture {

    record Result(int exitCode, boolean timedOut, String output) {
    }

    private SandboxFixture() {
    }

    /** Every namespace sandbox available on this machine (CI installs bubblewrap; util-linux is always there). */
    static Stream<Sandbox> namespaceSandboxes() {
        List<Sandbox> all = new ArrayList<>();
        SandboxChooser.bubblewrap().ifPresent(all::add);
        SandboxChooser.unshare().ifPresent(all::add);
        if (all.isEmpty()) {
            throw new IllegalStateException("no namespace sandbox on this machine: install bubblewrap or util-linux");
        }
        return all.stream();
    }

    static Map<String, String> env() {
        return BuildEnvironment.fixed(1700000000L, SandboxSpec.HOME, "/tmp");
    }

    static Result run(Sandbox sandbox, Path workspace, String... command) {
        return run(sandbox, workspace, Duration.ofSeconds(60), command);
    }

    static Result run(Sandbox sandbox, Path workspace, Duration timeout, String... command) {
        Map<String, String> env = env();
        if (!sandbox.isolates()) {
            env = new java.util.HashMap<>(env);
            env.put("HOME", workspace.toString());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SandboxedProcess.Outcome outcome = SandboxedProcess.run(sandbox,
                new SandboxSpec(workspace, List.of(), env), List.of(command), timeout, out);
        return new Result(outcome.exitCode(), outcome.timedOut(), out.toString(StandardCharsets.UTF_8));
    }

    /** Copies the escape-attempt script into the workspace, where the sandboxed python can run it. */
    static void installEscapeScript(Path workspace) throws IOException {
        installResource(workspace, "escape.py");
    }

    /** Runs escape.py with the given attempts, inside {@code sandbox}; "python3" is Debian's /usr/bin/python3. */
    static Result escape(Sandbox sandbox, Path workspace, String... attempts) throws IOException {
        requireTool("/usr/bin/python3", "python3");
        installEscapeScript(workspace);
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "escape.py"));
        cmd.addAll(List.of(attempts));
        return run(sandbox, workspace, cmd.toArray(String[]::new));
    }

    /**
     * Skips the calling test when {@code tool} is missing, except under CI ({@code CI=true}), where
     * a missing tool fails it: CI installs every tool, and an escape test must never turn itself off.
     */
    static void requireTool(String tool, String debianPackage) {
        dev.hermeticbuild.testing.Tools.require(tool, Files.isExecutable(Path.of(tool)), "Debian package " + debianPackage + " (see .ci/run)");
    }

    /** Runs {@code command} in {@code sandbox}, with the sandbox itself started through the host command {@code hostPrefix}. */
    static Result runUnder(List<String> hostPrefix, Sandbox sandbox, Path workspace, String... command) {
        return run(new StartedThrough(hostPrefix, sandbox), workspace, command);
    }

    /** A sandbox whose host command line is prefixed, as if the runner had been started under that command. */
    private record StartedThrough(List<String> prefix, Sandbox inner) implements Sandbox {
        @Override
        public String mechanism() {
            return inner.mechanism();
        }

        @Override
        public boolean isolates() {
            return inner.isolates();
        }

        @Override
        public java.util.Optional<SeccompFilter> seccomp() {
            return inner.seccomp();
        }

        @Override
        public String runnerJdk() {
            return inner.runnerJdk();
        }


        @Override
        public String probeClasspath() {
            return inner.probeClasspath();
        }

        @Override
        public List<String> commandLine(SandboxSpec spec, List<String> command) {
            List<String> all = new ArrayList<>(prefix);
            all.addAll(inner.launchWrapper());
            all.addAll(inner.commandLine(spec, command));
            return all;
        }

        @Override
        public Path hostWorkingDirectory(SandboxSpec spec) {
            return inner.hostWorkingDirectory(spec);
        }
    }

    /** Copies a test resource into the workspace, where the sandboxed command can read it. */
    static Path installResource(Path workspace, String name) throws IOException {
        try (InputStream in = SandboxFixture.class.getResourceAsStream("/" + name)) {
            Path target = workspace.resolve(name);
            Files.write(target, in.readAllBytes());
            return target;
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
