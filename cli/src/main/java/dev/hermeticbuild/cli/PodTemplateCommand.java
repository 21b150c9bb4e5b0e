package dev.hermeticbuild.cli;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.build.Tier;
import dev.hermeticbuild.kubernetes.HermeticNetworkPolicy;
import dev.hermeticbuild.kubernetes.HermeticPodTemplate;
import dev.hermeticbuild.kubernetes.HostPort;
import dev.hermeticbuild.kubernetes.ImageReference;
import dev.hermeticbuild.kubernetes.KubernetesYaml;
import dev.hermeticbuild.kubernetes.PodResources;
import dev.hermeticbuild.kubernetes.PodTemplateOptions;
import dev.hermeticbuild.kubernetes.SandboxVariant;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hermetic pod-template}: prints the locked-down agent pod and its NetworkPolicy as
 * multi-document YAML, or the pod alone when the policy goes to {@code --network-policy-out}.
 */
@Command(name = "pod-template", description = "Print a locked-down Kubernetes agent pod (and its NetworkPolicy) as YAML.")
final class PodTemplateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--image", required = true, paramLabel = "REPO@sha256:HEX", description = "The hermetic agent image (build container).")
    String image;

    @Option(names = "--agent-image", paramLabel = "REPO@sha256:HEX", description = "The inbound agent (jnlp) image; required for --tier release. Default: the Kubernetes plugin's.")
    String agentImage;

    @Option(names = "--controller", required = true, paramLabel = "HOST:PORT", description = "The controller's agent endpoint: an IP, or an in-cluster NAME.NAMESPACE.svc, and the port the controller pod listens on.")
    String controller;

    @Option(names = "--cache-service", paramLabel = "HOST:PORT", description = "One internal artifact cache the pod may reach (IP or NAME.NAMESPACE.svc).")
    String cacheService;

    @Option(names = "--tier", paramLabel = "TIER", description = "dev|release (default dev). Release needs pinned images and an in-pod sandbox or the explicit opt-in.")
    String tier = "dev";

    @Option(names = "--userns", description = "In-pod sandbox through Kubernetes user namespaces (hostUsers: false, procMount: Unmasked; Kubernetes 1.33+, containerd 2.0+ or CRI-O 1.25+, Linux 6.3+). With --seccomp-localhost: no capability added.")
    boolean userns;

    @Option(names = "--seccomp-localhost", description = "In-pod sandbox through the Localhost seccomp profile " + HermeticPodTemplate.SECCOMP_PROFILE + " installed on the nodes; best combined with --userns.")
    boolean seccompLocalhost;

    @Option(names = "--allow-network-policy-only", description = "Explicit opt-in: let release builds run with the NetworkPolicy as the only egress barrier (recorded in provenance).")
    boolean allowNetworkPolicyOnly;

    @Option(names = "--cpu", paramLabel = "REQUEST:LIMIT", description = "CPU of the build container (default 1:4).")
    String cpu;

    @Option(names = "--memory", paramLabel = "REQUEST:LIMIT", description = "Memory of the build container (default 2Gi:4Gi).")
    String memory;

    @Option(names = "--workspace-size", paramLabel = "SIZE", description = "Size limit of the workspace emptyDir (default 10Gi).")
    String workspaceSize;

    @Option(names = "--network-policy-out", paramLabel = "FILE", description = "Write the NetworkPolicy to FILE and print only the pod (what podTemplate(yaml:) takes).")
    Path networkPolicyOut;

    @Override
    public Integer call() {
        SandboxVariant variant = SandboxVariant.of(userns, seccompLocalhost);
        PodTemplateOptions options = new PodTemplateOptions(
                ImageReference.parse(image, "--image"),
                Optional.ofNullable(agentImage).map(a -> ImageReference.parse(a, "--agent-image")),
                HostPort.parse(controller, "--controller"),
                Optional.ofNullable(cacheService).map(c -> HostPort.parse(c, "--cache-service")),
                Tier.parse(tier), variant, allowNetworkPolicyOnly, PodResources.defaults().withBuild(cpu, memory, workspaceSize));
        PrintWriter err = spec.commandLine().getErr();
        if (!options.buildImage().pinned()) {
            err.println("hermetic: warning: --image " + image + " is not pinned by digest (dev tier only; pod-lint reports it)");
        }
        if (variant == SandboxVariant.SECCOMP_LOCALHOST) {
            err.println("hermetic: warning: --seccomp-localhost without --userns keeps /proc masked: a sandbox that mounts its own"
                    + " /proc cannot be made there and the build stops with exit 3; add --userns where the cluster supports it");
        }
        if (options.agentImage().isEmpty()) {
            err.println("hermetic: warning: no --agent-image: the Kubernetes plugin fills in its default inbound-agent image, a tag");
        }
        String policy = KubernetesYaml.toYaml(List.of(HermeticNetworkPolicy.networkPolicy(options)));
        String pod = KubernetesYaml.toYaml(List.of(HermeticPodTemplate.pod(options)));
        PrintWriter out = spec.commandLine().getOut();
        if (networkPolicyOut != null) {
            try {
                Files.writeString(networkPolicyOut, policy, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InputException("--network-policy-out " + networkPolicyOut + ": cannot write: " + e.getMessage(), e);
            }
            out.print(pod);
        } else {
            out.print(pod + "---\n" + policy);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
