package dev.hermeticbuild.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.InputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An admission-style check of pod specs (Pods and the pod templates of workloads) and, when
 * NetworkPolicies are given, of the network policies that select them: by a build agent's needs,
 * or ({@link #lintWebhook}) by the admission webhook's. Each weakness is a {@link Finding} with its
 * JSON path; malformed input is an {@link InputException}.
 */
public final class PodLint {

    private static final Set<String> WEBHOOK_CONFIGURATIONS = Set.of("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");

    private PodLint() {
    }

    /**
     * Checks the pods in {@code manifests} (which may also hold NetworkPolicies) against the
     * policies in {@code manifests} and {@code policyManifests}. With a {@code controller}, egress
     * is also checked to reach nothing beyond it, the {@code cache}, and kube-dns when a name must
     * be resolved.
     */
    public static LintReport lint(List<Manifest> manifests, List<Manifest> policyManifests, Optional<HostPort> controller,
                                  Optional<HostPort> cache) {
        for (Manifest m : policyManifests) {
            if (!m.kind().equals("NetworkPolicy")) {
                throw new InputException(m.source() + ": kind " + m.kind() + " is not a NetworkPolicy");
            }
        }
        LintTargets targets = LintTargets.of(manifests, Set.of(), "a Pod, a workload with a pod template, or a NetworkPolicy");
        targets.policies().addAll(policyManifests);
        return targets.lint(new NetworkPolicyRules(controller, cache)::rules, List.of());
    }

    /**
     * Checks the objects {@code hermetic admission manifests} prints (the webhook's Deployment, its
     * NetworkPolicy, Service and webhook configurations) by the webhook's needs: its pods hardened as
     * an agent's; in, only {@code webhookPort}; out, only DNS and TCP 443 and {@code registryPorts};
     * and each webhook failing closed ({@code failurePolicy: Fail}).
     */
    public static LintReport lintWebhook(List<Manifest> manifests, int webhookPort, List<Integer> registryPorts) {
        LintTargets targets = LintTargets.of(manifests, Set.of("Service", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"),
                "a Pod, a workload with a pod template, a NetworkPolicy, a Service or a webhook configuration");
        List<Finding> configurations = new ArrayList<>();
        targets.others().stream().filter(m -> WEBHOOK_CONFIGURATIONS.contains(m.kind())).forEach(m -> failsClosed(m, configurations));
        return targets.lint(new WebhookNetworkRules(webhookPort, registryPorts)::rules, configurations);
    }

    /** A webhook that fails open admits every object unchecked while it is down: {@code failurePolicy} must be Fail (v1's default). */
    private static void failsClosed(Manifest configuration, List<Finding> findings) {
        JsonNode webhooks = configuration.node().path("webhooks");
        for (int i = 0; i < webhooks.size(); i++) {
            JsonNode policy = webhooks.get(i).path("failurePolicy");
            if (!policy.isMissingNode() && !policy.asText().equals("Fail")) {
                findings.add(new Finding(configuration.label(), "webhooks[" + i + "].failurePolicy", "webhook-fails-open", "failurePolicy "
                        + policy.asText() + " admits every object unchecked while the webhook is down or unreachable; use Fail"
                        + " (with two or more replicas)"));
            }
        }
    }

    /** The pods, NetworkPolicies and other (accepted, not linted) objects of one run. */
    private record LintTargets(List<Workload> workloads, List<Manifest> policies, List<Manifest> others) {

        static LintTargets of(List<Manifest> manifests, Set<String> otherKinds, String expected) {
            LintTargets objects = new LintTargets(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (Manifest m : manifests) {
                if (m.kind().equals("NetworkPolicy")) {
                    objects.policies.add(m);
                } else if (Workload.carriesPodSpec(m.kind())) {
                    objects.workloads.add(Workload.of(m).orElseThrow());
                } else if (otherKinds.contains(m.kind())) {
                    objects.others.add(m);
                } else {
                    throw new InputException(m.source() + ": kind " + m.kind() + " is not " + expected);
                }
            }
            if (objects.workloads.isEmpty()) {
                throw new InputException(manifests.get(0).source().replaceFirst(" document \\d+.*$", "")
                        + ": no Pod (or workload with a pod template) in it");
            }
            return objects;
        }

        /** The report: each pod's own findings and its policies' coverage, each selecting policy's rules once, then {@code more}. */
        LintReport lint(Function<Manifest, List<Finding>> policyRules, List<Finding> more) {
            boolean checkNetwork = !policies.isEmpty();
            NetworkPolicyRules coverage = new NetworkPolicyRules(Optional.empty(), Optional.empty());
            List<Finding> findings = new ArrayList<>();
            Set<Manifest> usedPolicies = new LinkedHashSet<>();
            for (Workload w : workloads) {
                findings.addAll(PodSecurityRules.check(w));
                if (checkNetwork) {
                    List<Manifest> selecting = NetworkPolicyRules.selecting(w, policies);
                    findings.addAll(coverage.coverage(w, selecting));
                    usedPolicies.addAll(selecting);
                }
            }
            for (Manifest p : usedPolicies) {
                findings.addAll(policyRules.apply(p));
            }
            findings.addAll(more);
            return new LintReport(workloads.stream().map(w -> w.manifest().label()).toList(), checkNetwork, findings);
        }
    }
}
