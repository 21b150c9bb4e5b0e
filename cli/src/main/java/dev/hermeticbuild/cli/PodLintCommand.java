package dev.hermeticbuild.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.CountText;
import dev.hermeticbuild.admission.WebhookManifests;
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
import picocli.CommandLine.ParameterException;
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

    @Option(names = "--webhook", description = "Check the admission webhook's objects (what admission manifests prints: its"
            + " Deployment, NetworkPolicy, Service and webhook configurations) by its needs instead of a build agent's: in only TCP "
            + WebhookManifests.PORT + ", out only DNS and the registry ports, failurePolicy Fail.")
    boolean webhook;

    @Option(names = "--registry-port", paramLabel = "PORT", description = "With --webhook: a registry port its egress may open besides 443,"
            + " as given to admission manifests.")
    List<Integer> registryPorts = new ArrayList<>();

    @picocli.CommandLine.Mixin
    JsonOption json;

    @Override
    public Integer call() {
        if (webhook && (controller != null || cacheService != null)) {
            throw new ParameterException(spec.commandLine(), "--webhook checks the webhook's own needs; --controller and --cache-service"
                    + " describe a build agent's");
        }
        if (!webhook && !registryPorts.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--registry-port needs --webhook: a build agent reaches no registry");
        }
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
        LintReport report;
        if (webhook) {
            for (Manifest m : policies) {
                if (!m.kind().equals("NetworkPolicy")) {
                    throw new dev.hermeticbuild.InputException(m.source() + ": kind " + m.kind() + " is not a NetworkPolicy");
                }
            }
            manifests.addAll(policies);
            report = PodLint.lintWebhook(manifests, WebhookManifests.PORT, registryPorts);
        } else {
            report = PodLint.lint(manifests, policies, c, cache);
        }
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
