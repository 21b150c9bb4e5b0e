package dev.hermeticbuild.kubernetes;

import dev.hermeticbuild.InputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An admission-style check of pod specs (Pods and the pod templates of workloads) and, when
 * NetworkPolicies are given, of the network policies that select them. Each weakness is a
 * {@link Finding} with its JSON path; malformed input is an {@link InputException}.
 */
public final class PodLint {

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
        List<Workload> workloads = new ArrayList<>();
        List<Manifest> policies = new ArrayList<>();
        for (Manifest m : manifests) {
            if (m.kind().equals("NetworkPolicy")) {
                policies.add(m);
            } else if (Workload.carriesPodSpec(m.kind())) {
                workloads.add(Workload.of(m).orElseThrow());
            } else {
                throw new InputException(m.source() + ": kind " + m.kind()
                        + " is not a Pod, a workload with a pod template, or a NetworkPolicy");
            }
        }
        if (workloads.isEmpty()) {
            throw new InputException(manifests.get(0).source().replaceFirst(" document \\d+.*$", "")
                    + ": no Pod (or workload with a pod template) in it");
        }
        for (Manifest m : policyManifests) {
            if (!m.kind().equals("NetworkPolicy")) {
                throw new InputException(m.source() + ": kind " + m.kind() + " is not a NetworkPolicy");
            }
            policies.add(m);
        }
        boolean checkNetwork = !policies.isEmpty();
        NetworkPolicyRules network = new NetworkPolicyRules(controller, cache);
        List<Finding> findings = new ArrayList<>();
        Set<Manifest> usedPolicies = new LinkedHashSet<>();
        for (Workload w : workloads) {
            findings.addAll(PodSecurityRules.check(w));
            if (checkNetwork) {
                List<Manifest> selecting = NetworkPolicyRules.selecting(w, policies);
                findings.addAll(network.coverage(w, selecting));
                usedPolicies.addAll(selecting);
            }
        }
        for (Manifest p : usedPolicies) {
            findings.addAll(network.rules(p));
        }
        return new LintReport(workloads.stream().map(w -> w.manifest().label()).toList(), checkNetwork, findings);
    }
}
