package dev.hermeticbuild.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The network checks of an admission webhook's pods, whose needs are not a build agent's: in,
 * only the webhook's TCP port (from anywhere: the API server's address is not a pod's); out, only
 * DNS and the registries' TCP ports (to anywhere: registries can be anywhere). A rule without
 * ports, a port range, or any other port is reported.
 */
final class WebhookNetworkRules {

    private final int webhookPort;
    private final Set<Integer> registryPorts;

    /** For a webhook serving on {@code webhookPort}, reaching registries on 443 and {@code registryPorts}. */
    WebhookNetworkRules(int webhookPort, List<Integer> registryPorts) {
        this.webhookPort = webhookPort;
        Set<Integer> ports = new TreeSet<>(registryPorts);
        ports.add(443);
        this.registryPorts = Set.copyOf(ports);
    }

    /** Findings about one policy's rules, reported once per policy. */
    List<Finding> rules(Manifest policy) {
        List<Finding> findings = new ArrayList<>();
        JsonNode spec = policy.node().path("spec");
        if (NetworkPolicyRules.restricts(policy, "Ingress")) {
            JsonNode ingress = spec.path("ingress");
            for (int i = 0; i < ingress.size(); i++) {
                check(policy.label(), "spec.ingress[" + i + "]", ingress.get(i).path("ports"), "ingress", findings);
            }
        }
        if (NetworkPolicyRules.restricts(policy, "Egress")) {
            JsonNode egress = spec.path("egress");
            for (int i = 0; i < egress.size(); i++) {
                check(policy.label(), "spec.egress[" + i + "]", egress.get(i).path("ports"), "egress", findings);
            }
        }
        return findings;
    }

    private void check(String resource, String at, JsonNode ports, String direction, List<Finding> findings) {
        String needs = direction.equals("ingress") ? "the webhook serves only TCP " + webhookPort
                : "the webhook needs only DNS (53) and the registries' TCP ports " + registryPorts;
        if (ports.isEmpty()) {
            findings.add(new Finding(resource, at + ".ports", direction + "-open", "allows " + direction + " on every port; " + needs));
            return;
        }
        for (int j = 0; j < ports.size(); j++) {
            JsonNode port = ports.get(j);
            String protocol = port.path("protocol").asText("TCP");
            String where = at + ".ports[" + j + "]";
            if (port.has("endPort")) {
                findings.add(new Finding(resource, where + ".endPort", direction + "-open", "allows a port range "
                        + port.path("port").asText() + "-" + port.path("endPort").asText() + "; " + needs));
            } else if (!allowed(direction, protocol, port.path("port"))) {
                findings.add(new Finding(resource, where, direction + "-port", "allows " + direction + " on " + protocol + "/"
                        + port.path("port").asText("every port") + "; " + needs));
            }
        }
    }

    private boolean allowed(String direction, String protocol, JsonNode port) {
        if (direction.equals("ingress")) {
            // a named port is not taken on its name: the pod could give any number that name
            return protocol.equals("TCP") && port.isInt() && port.asInt() == webhookPort;
        }
        if (!port.isInt()) {
            return false;
        }
        return port.asInt() == 53 && (protocol.equals("UDP") || protocol.equals("TCP"))
                || protocol.equals("TCP") && registryPorts.contains(port.asInt());
    }
}
