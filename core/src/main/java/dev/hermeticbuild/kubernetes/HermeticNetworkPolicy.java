package dev.hermeticbuild.kubernetes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The NetworkPolicy for pods carrying {@link HermeticPodTemplate#EGRESS_LABEL}: no ingress, and
 * egress only to the controller's agent port, the optional artifact cache, and DNS (kube-dns)
 * only when one of those is given by name.
 */
public final class HermeticNetworkPolicy {

    public static final String NAME = "hermetic-agent-egress";
    /** The label every namespace carries (Kubernetes 1.22+), used to select the controller's and kube-dns's namespaces. */
    public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private HermeticNetworkPolicy() {
    }

    /** The NetworkPolicy for {@code options}, as a Kubernetes object tree. */
    public static ObjectNode networkPolicy(PodTemplateOptions options) {
        ObjectNode policy = JSON.objectNode();
        policy.put("apiVersion", "networking.k8s.io/v1");
        policy.put("kind", "NetworkPolicy");
        ObjectNode metadata = policy.putObject("metadata");
        metadata.put("name", NAME);
        metadata.putObject("labels").put("app.kubernetes.io/name", "hermetic-agent");
        ObjectNode spec = policy.putObject("spec");
        spec.putObject("podSelector").putObject("matchLabels")
                .put(HermeticPodTemplate.EGRESS_LABEL, HermeticPodTemplate.EGRESS_LABEL_VALUE);
        spec.putArray("policyTypes").add("Ingress").add("Egress");
        // Ingress: none listed, so none allowed. The inbound agent dials out to the controller.
        spec.putArray("ingress");
        ArrayNode egress = spec.putArray("egress");
        egress.add(rule(options.controller()));
        options.cacheService().ifPresent(cache -> egress.add(rule(cache)));
        if (options.needsDns()) {
            ObjectNode dns = egress.addObject();
            ObjectNode peer = dns.putArray("to").addObject();
            peer.putObject("namespaceSelector").putObject("matchLabels").put(NAMESPACE_NAME_LABEL, "kube-system");
            peer.putObject("podSelector").putObject("matchLabels").put("k8s-app", "kube-dns");
            ArrayNode ports = dns.putArray("ports");
            ports.addObject().put("protocol", "UDP").put("port", 53);
            ports.addObject().put("protocol", "TCP").put("port", 53);
        }
        return policy;
    }

    private static ObjectNode rule(HostPort endpoint) {
        ObjectNode rule = JSON.objectNode();
        ObjectNode peer = rule.putArray("to").addObject();
        Optional<String> namespace = endpoint.serviceNamespace();
        if (endpoint.isIpLiteral()) {
            peer.putObject("ipBlock").put("cidr", endpoint.hostCidr());
        } else {
            // A policy peer cannot be a name: select the service's namespace. Policies apply after the service's
            // address translation, so the port is the controller pod's port (the Service's targetPort).
            peer.putObject("namespaceSelector").putObject("matchLabels").put(NAMESPACE_NAME_LABEL, namespace.orElseThrow());
        }
        rule.putArray("ports").addObject().put("protocol", "TCP").put("port", endpoint.port());
        return rule;
    }
}
