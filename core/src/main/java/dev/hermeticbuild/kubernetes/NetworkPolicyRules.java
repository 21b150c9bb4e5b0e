package dev.hermeticbuild.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The network checks: is a pod selected by a NetworkPolicy that restricts both directions, and
 * does any egress rule reach further than the controller, the artifact cache and (when a name
 * must be resolved) kube-dns?
 */
final class NetworkPolicyRules {

    private final Optional<HostPort> controller;
    private final Optional<HostPort> cache;

    NetworkPolicyRules(Optional<HostPort> controller, Optional<HostPort> cache) {
        this.controller = controller;
        this.cache = cache;
    }

    /** The policies among {@code policies} that select {@code workload}'s pods. */
    static List<Manifest> selecting(Workload workload, List<Manifest> policies) {
        List<Manifest> selecting = new ArrayList<>();
        for (Manifest p : policies) {
            boolean sameNamespace = p.namespace().isEmpty() || workload.namespace().isEmpty()
                    || p.namespace().equals(workload.namespace());
            if (sameNamespace && LabelSelector.matches(p.node().path("spec").path("podSelector"), workload.podMetadata().path("labels"))) {
                selecting.add(p);
            }
        }
        return selecting;
    }

    /** Findings about {@code workload} itself: not selected, or selected only for one direction. */
    List<Finding> coverage(Workload workload, List<Manifest> selecting) {
        List<Finding> findings = new ArrayList<>();
        String resource = workload.manifest().label();
        String at = workload.metadataPath().isEmpty() ? "metadata.labels" : workload.metadataPath() + ".labels";
        if (selecting.isEmpty()) {
            findings.add(new Finding(resource, at, "no-network-policy",
                    "no NetworkPolicy selects this pod: its egress and ingress are unrestricted"));
            return findings;
        }
        if (selecting.stream().noneMatch(p -> restricts(p, "Egress"))) {
            findings.add(new Finding(resource, at, "egress-unrestricted", "the NetworkPolicies selecting this pod ("
                    + names(selecting) + ") do not restrict Egress"));
        }
        if (selecting.stream().noneMatch(p -> restricts(p, "Ingress"))) {
            findings.add(new Finding(resource, at, "ingress-unrestricted", "the NetworkPolicies selecting this pod ("
                    + names(selecting) + ") do not restrict Ingress"));
        }
        return findings;
    }

    /** Findings about one policy's rules, reported once per policy. */
    List<Finding> rules(Manifest policy) {
        List<Finding> findings = new ArrayList<>();
        String resource = policy.label();
        JsonNode spec = policy.node().path("spec");
        JsonNode ingress = spec.path("ingress");
        if (restricts(policy, "Ingress")) {
            for (int i = 0; i < ingress.size(); i++) {
                findings.add(new Finding(resource, "spec.ingress[" + i + "]", "ingress-allowed",
                        "allows ingress to the agent pod: it needs none (the agent dials the controller)"));
            }
        }
        if (!restricts(policy, "Egress")) {
            return findings;
        }
        JsonNode egress = spec.path("egress");
        for (int i = 0; i < egress.size(); i++) {
            egressRule(resource, "spec.egress[" + i + "]", egress.get(i), findings);
        }
        return findings;
    }

    private void egressRule(String resource, String at, JsonNode rule, List<Finding> findings) {
        JsonNode to = rule.path("to");
        JsonNode ports = rule.path("ports");
        if (to.isEmpty()) {
            findings.add(new Finding(resource, at + ".to", "egress-open", "allows egress to every destination (no 'to')"));
        }
        if (ports.isEmpty()) {
            findings.add(new Finding(resource, at + ".ports", "egress-open", "allows egress on every port (no 'ports')"));
        }
        for (int j = 0; j < ports.size(); j++) {
            if (ports.get(j).has("endPort")) {
                findings.add(new Finding(resource, at + ".ports[" + j + "].endPort", "egress-open", "allows a port range "
                        + ports.get(j).path("port").asText() + "-" + ports.get(j).path("endPort").asText()));
            }
        }
        for (int k = 0; k < to.size(); k++) {
            JsonNode peer = to.get(k);
            String pAt = at + ".to[" + k + "]";
            if (peer.has("ipBlock")) {
                String cidr = peer.path("ipBlock").path("cidr").asText();
                int slash = cidr.indexOf('/');
                int bits = cidr.contains(":") ? 128 : 32;
                int prefix = slash < 0 ? bits : parsePrefix(cidr.substring(slash + 1), bits);
                if (prefix < bits) {
                    findings.add(new Finding(resource, pAt + ".ipBlock.cidr", "egress-open", "ipBlock " + cidr + " covers "
                            + (bits - prefix >= 31 ? "2^" + (bits - prefix) : String.valueOf(1L << (bits - prefix)))
                            + " addresses, not one host"));
                }
            }
            boolean hasNamespace = peer.has("namespaceSelector");
            boolean hasPod = peer.has("podSelector");
            if (hasNamespace && LabelSelector.selectsAll(peer.path("namespaceSelector"))
                    && (!hasPod || LabelSelector.selectsAll(peer.path("podSelector")))) {
                findings.add(new Finding(resource, pAt + ".namespaceSelector", "egress-open", "allows egress to every pod in every namespace"));
            } else if (!hasNamespace && hasPod && LabelSelector.selectsAll(peer.path("podSelector"))) {
                findings.add(new Finding(resource, pAt + ".podSelector", "egress-open",
                        "allows egress to every pod in the policy's namespace, other build pods included"));
            }
        }
        if (controller.isPresent() && !to.isEmpty() && !ports.isEmpty()) {
            List<String> beyond = new ArrayList<>();
            for (JsonNode peer : to) {
                for (JsonNode port : ports) {
                    String why = destination(peer, port);
                    if (why != null) {
                        beyond.add(why);
                    }
                }
            }
            if (!beyond.isEmpty()) {
                findings.add(new Finding(resource, at, "egress-beyond-controller", "allows egress beyond the controller "
                        + controller.get() + cache.map(c -> " and the cache " + c).orElse("") + ": " + String.join("; ", beyond)));
            }
        }
    }

    /** Null when the (peer, port) pair is the controller, the cache or needed DNS; otherwise what it reaches. */
    private String destination(JsonNode peer, JsonNode port) {
        String protocol = port.path("protocol").asText("TCP");
        String portText = port.path("port").asText("*");
        String description = describe(peer) + " " + protocol + "/" + portText;
        if (isDns(peer)) {
            boolean needed = !controller.get().isIpLiteral() || cache.map(c -> !c.isIpLiteral()).orElse(false);
            if (!portText.equals("53")) {
                return description;
            }
            return needed ? null : description + " (DNS, but neither the controller nor the cache is a name:"
                    + " DNS only opens a channel for tunnelling data out)";
        }
        for (Optional<HostPort> endpoint : List.of(controller, cache)) {
            if (endpoint.isPresent() && protocol.equals("TCP") && port.path("port").isInt()
                    && port.path("port").asInt() == endpoint.get().port() && isPeerOf(peer, endpoint.get())) {
                return null;
            }
        }
        return description;
    }

    private static boolean isPeerOf(JsonNode peer, HostPort endpoint) {
        if (peer.has("ipBlock")) {
            String cidr = peer.path("ipBlock").path("cidr").asText();
            return endpoint.isIpLiteral() && (cidr.equals(endpoint.hostCidr()) || cidr.equals(endpoint.host()));
        }
        return endpoint.serviceNamespace().isPresent() && peer.has("namespaceSelector")
                && endpoint.serviceNamespace().get().equals(namespaceName(peer));
    }

    private static boolean isDns(JsonNode peer) {
        return "kube-system".equals(namespaceName(peer));
    }

    private static String namespaceName(JsonNode peer) {
        JsonNode name = peer.path("namespaceSelector").path("matchLabels").path(HermeticNetworkPolicy.NAMESPACE_NAME_LABEL);
        return name.isTextual() ? name.asText() : null;
    }

    private static String describe(JsonNode peer) {
        if (peer.has("ipBlock")) {
            return peer.path("ipBlock").path("cidr").asText();
        }
        String ns = namespaceName(peer);
        return (peer.has("namespaceSelector") ? "namespace " + (ns == null ? peer.path("namespaceSelector") : ns) : "this namespace")
                + (peer.has("podSelector") ? " pods " + peer.path("podSelector") : "");
    }

    static boolean restricts(Manifest policy, String direction) {
        JsonNode spec = policy.node().path("spec");
        JsonNode types = spec.path("policyTypes");
        if (types.isArray() && !types.isEmpty()) {
            for (JsonNode t : types) {
                if (t.asText().equals(direction)) {
                    return true;
                }
            }
            return false;
        }
        return direction.equals("Ingress") || spec.has("egress");
    }

    private static int parsePrefix(String text, int bits) {
        try {
            return Math.max(0, Math.min(bits, Integer.parseInt(text)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String names(List<Manifest> policies) {
        return String.join(", ", policies.stream().map(Manifest::label).toList());
    }
}
