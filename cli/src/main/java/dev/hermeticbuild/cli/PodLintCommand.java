package dev.hermeticbuild.cli;

import dev.hermeticbuild.CountText;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.kubernetes.Finding;
import dev.hermeticbuild.kubernetes.HostPort;
import dev.hermeticbuild.kubernetes.KubernetesYaml;
import dev.hermeticbuild.kubernetes.LintReport;
import dev.hermeticbuild.kubernetes.Manifest;
import dev.hermeticbuild.kubernetes.PodLint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hermetic pod-lint}: an admission-style check of pod specs and the NetworkPolicies that
 * select them; exit 1 with findings (each with its JSON path), 0 when clean, 2 for bad input.
 */
@Command(name = "pod-lint", description = "Check Kubernetes pod specs (Pods, workload templates) and their NetworkPolicies for weaknesses.")
final class PodLintCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "YAML or JSON: Pods, Deployments, Jobs, CronJobs, StatefulSets, DaemonSets, Lists; NetworkPolicies in them count as given.")
    List<Path> files;

    @Option(names = "--network-policies", paramLabel = "FILE", description = "NetworkPolicies to check the pods against (repeatable).")
    List<Path> policyFiles = new ArrayList<>();

    @Option(names = "--controller", paramLabel = "HOST:PORT", description = "The controller endpoint: egress to anything else (but the cache and needed DNS) is reported.")
    String controller;

    @Option(names = "--cache-service", paramLabel = "HOST:PORT", description = "The one artifact cache egress may also reach.")
    String cacheService;

    @picocli.CommandLine.Mixin
    JsonOption json;

    @Override
    public Integer call() {
        Optional<HostPort> c = Optional.ofNullable(controller).map(t -> HostPort.parse(t, "--controller"));
        Optional<HostPort> cache = Optional.ofNullable(cacheService).map(t -> HostPort.parse(t, "--cache-service"));
        List<Manifest> manifests = new ArrayList<>();
        for (Path f : files) {
            manifests.addAll(KubernetesYaml.read(f));
        }
        List<Manifest> policies = new ArrayList<>();
        for (Path f : policyFiles) {
            policies.addAll(KubernetesYaml.read(f));
        }
        LintReport report = PodLint.lint(manifests, policies, c, cache);
        var out = spec.commandLine().getOut();
        if (json.enabled) {
            ObjectNode node = Json.object();
            node.put("clean", report.clean());
            report.pods().forEach(node.putArray("pods")::add);
            node.put("networkPoliciesChecked", report.policiesChecked());
            var array = node.putArray("findings");
            for (Finding f : report.findings()) {
                array.addObject().put("resource", f.resource()).put("path", f.path()).put("rule", f.rule()).put("message", f.message());
                json.error(ErrorCodes.POD_LINT_FINDING, f.toString());
            }
            json.result(node);
        } else {
            report.findings().forEach(out::println);
            out.println((report.clean() ? "clean: " : CountText.of(report.findings().size(), "finding") + " in ")
                    + CountText.of(report.pods().size(), "pod spec") + (report.policiesChecked() ? "; network policies checked"
                    : "; network policies not checked (none given: pass --network-policies)"));
        }
        out.flush();
        return report.clean() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
