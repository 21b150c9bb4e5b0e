package dev.hermeticbuild.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the egress probe ({@link EgressProbeScript}, or {@link EgressProbe} where the host has no
 * perl) inside a sandbox made from the build's own spec, against the
 * listeners of {@link EgressListeners}, and reports what was reached. If the probe cannot run,
 * the sandbox could not be established and an {@link IsolationException} says why.
 */
public final class EgressCheck {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

    private EgressCheck() {
    }

    /** A way to run the probe: the command that tries the given targets inside the given sandbox. */
    interface Probe extends java.util.function.BiFunction<Sandbox, List<String>, List<String>> {
    }

    public static EgressReport run(Sandbox sandbox, SandboxSpec spec) {
        return run(sandbox, spec, SandboxChooser.find("perl").<Probe>map(EgressCheck::perlProbe).orElse(EgressCheck::jvmProbe));
    }

    static EgressReport run(Sandbox sandbox, SandboxSpec spec, Probe probe) {
        try (EgressListeners listeners = new EgressListeners()) {
            List<String> targets = listeners.targets().stream().map(EgressListeners.Target::spec).toList();
            List<String> command = probe.apply(sandbox, targets);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SandboxedProcess.Outcome outcome = SandboxedProcess.run(sandbox, spec, command, PROBE_TIMEOUT, out);
            String text = out.toString(StandardCharsets.UTF_8);
            Map<String, String[]> lines = parse(text);
            String[] status = lines.remove(EgressProbe.STATUS_LINE);
            if (!outcome.succeeded() || status == null || lines.size() != listeners.targets().size()) {
                throw new IsolationException("the " + sandbox.mechanism() + " sandbox could not be established"
                        + " (egress probe exit " + outcome.exitCode() + "): " + text.strip());
            }
            var confinement = new EgressReport.Confinement(sandbox.seccomp(),
                    status[1].matches("\\d") ? Integer.parseInt(status[1]) : -1, "1".equals(status[0]));
            if (!confinement.confirmed()) {
                throw new IsolationException("the " + sandbox.mechanism() + " sandbox could not be established: its seccomp"
                        + " filter is not in force (the kernel reports NoNewPrivs " + status[0] + ", Seccomp " + status[1] + ")");
            }
            List<EgressReport.Attempt> attempts = new ArrayList<>();
            for (EgressListeners.Target t : listeners.targets()) {
                String[] line = lines.get(t.spec());
                boolean arrived = listeners.observedArrival(t);
                boolean reached = arrived || "reached".equals(line[0]);
                String detail = arrived ? "the runner's listener received it" : line[1];
                attempts.add(new EgressReport.Attempt(t.spec(), t.description(), reached, detail));
            }
            return new EgressReport(sandbox.mechanism(), attempts, confinement);
        }
    }

    /** The Perl probe, with the host's perl (every sandbox here sees the host's /usr). */
    static Probe perlProbe(java.nio.file.Path perl) {
        return (sandbox, targets) -> EgressProbeScript.command(perl, targets);
    }

    /** The probe in a second JVM, from the runner's JDK and the probe class mounted in the sandbox. */
    static List<String> jvmProbe(Sandbox sandbox, List<String> targets) {
        List<String> command = new ArrayList<>(List.of(sandbox.runnerJdk() + "/bin/java",
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xmx64m",
                "-cp", sandbox.probeClasspath(), EgressProbe.class.getName()));
        command.addAll(targets);
        return command;
    }

    private static Map<String, String[]> parse(String text) {
        Map<String, String[]> result = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] parts = line.split("\t", 3);
            if (parts.length == 3) {
                result.put(parts[0], new String[] {parts[1], parts[2]});
            }
        }
        return result;
    }
}
