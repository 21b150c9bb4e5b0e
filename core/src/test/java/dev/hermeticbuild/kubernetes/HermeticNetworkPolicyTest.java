package dev.hermeticbuild.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.build.Tier;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The generated NetworkPolicy, read back through fabric8's model and applied to a mock API server. */
class HermeticNetworkPolicyTest {

    static NetworkPolicy generate(String controller, String cache) {
        PodTemplateOptions o = new PodTemplateOptions(HermeticPodTemplateTest.BUILD, Optional.of(HermeticPodTemplateTest.AGENT),
                HostPort.parse(controller, "--controller"), Optional.ofNullable(cache).map(c -> HostPort.parse(c, "--cache-service")),
                Tier.DEV, SandboxVariant.USER_NAMESPACES, false, PodResources.defaults());
        return KubernetesModel.strict(KubernetesYaml.toYaml(List.of(HermeticNetworkPolicy.networkPolicy(o))), NetworkPolicy.class);
    }

    @Test
    void anIpControllerGetsOneHostOnePortAndNoDns() {
        NetworkPolicy p = generate("10.0.12.7:50000", null);
        assertEquals(List.of("Ingress", "Egress"), p.getSpec().getPolicyTypes());
        assertEquals("deny", p.getSpec().getPodSelector().getMatchLabels().get("hermetic-build.dev/egress"));
        assertTrue(p.getSpec().getIngress().isEmpty(), "no ingress at all");
        assertEquals(1, p.getSpec().getEgress().size(), "only the controller: no DNS when nothing needs resolving");
        NetworkPolicyEgressRule rule = p.getSpec().getEgress().get(0);
        assertEquals("10.0.12.7/32", rule.getTo().get(0).getIpBlock().getCidr());
        assertNull(rule.getTo().get(0).getNamespaceSelector());
        assertEquals(List.of(port("TCP", 50000)), rule.getPorts());
    }

    @Test
    void anIpv6ControllerIsASingleHostToo() {
        NetworkPolicy p = generate("[fd00::7]:50000", "10.0.12.9:8081");
        assertEquals("fd00::7/128", p.getSpec().getEgress().get(0).getTo().get(0).getIpBlock().getCidr());
        assertEquals("10.0.12.9/32", p.getSpec().getEgress().get(1).getTo().get(0).getIpBlock().getCidr());
        assertEquals(List.of(port("TCP", 8081)), p.getSpec().getEgress().get(1).getPorts());
        assertEquals(2, p.getSpec().getEgress().size());
    }

    @Test
    void serviceNamesSelectTheirNamespaceAndBringDnsToKubeDnsOnly() {
        NetworkPolicy p = generate("jenkins.ci.svc.cluster.local:50000", "artifact-cache.caches.svc:8081");
        List<NetworkPolicyEgressRule> egress = p.getSpec().getEgress();
        assertEquals(3, egress.size());
        assertEquals("ci", egress.get(0).getTo().get(0).getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
        assertEquals(List.of(port("TCP", 50000)), egress.get(0).getPorts());
        assertEquals("caches", egress.get(1).getTo().get(0).getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
        NetworkPolicyEgressRule dns = egress.get(2);
        assertEquals("kube-system", dns.getTo().get(0).getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
        assertEquals("kube-dns", dns.getTo().get(0).getPodSelector().getMatchLabels().get("k8s-app"));
        assertEquals(List.of(port("UDP", 53), port("TCP", 53)), dns.getPorts());
    }

    @Test
    void theApiServerSelectsTheGeneratedPodWithThePolicysSelectorAndNothingElse() throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        try (KubernetesClient client = server.createClient()) {
            assertEquals("127.0.0.1", InetAddress.getByName(new java.net.URL(client.getMasterUrl().toString()).getHost()).getHostAddress());
            PodTemplateOptions o = HermeticPodTemplateTest.options(SandboxVariant.SECCOMP_LOCALHOST, Tier.RELEASE, false);
            Pod pod = KubernetesModel.strict(KubernetesYaml.toYaml(List.of(HermeticPodTemplate.pod(o))), Pod.class);
            pod.getMetadata().setName("hermetic-agent-1");
            NetworkPolicy policy = KubernetesModel.strict(KubernetesYaml.toYaml(List.of(HermeticNetworkPolicy.networkPolicy(o))),
                    NetworkPolicy.class);
            client.pods().inNamespace("agents").resource(pod).create();
            client.pods().inNamespace("agents").resource(new PodBuilder().withNewMetadata().withName("other")
                    .addToLabels("app", "other").endMetadata().build()).create();
            client.network().v1().networkPolicies().inNamespace("agents").resource(policy).create();

            NetworkPolicy stored = client.network().v1().networkPolicies().inNamespace("agents").withName(HermeticNetworkPolicy.NAME).get();
            List<String> selected = client.pods().inNamespace("agents")
                    .withLabels(stored.getSpec().getPodSelector().getMatchLabels()).list().getItems().stream()
                    .map(p -> p.getMetadata().getName()).toList();
            assertEquals(List.of("hermetic-agent-1"), selected);
            assertEquals(policy.getSpec(), stored.getSpec(), "the API server kept the policy as generated");
        } finally {
            server.destroy();
        }
    }

    static NetworkPolicyPort port(String protocol, int number) {
        NetworkPolicyPort port = new NetworkPolicyPort();
        port.setProtocol(protocol);
        port.setPort(new IntOrString(number));
        return port;
    }
}
