package dev.hermeticbuild.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.kubernetes.ImageReference;
import dev.hermeticbuild.kubernetes.KubernetesYaml;
import dev.hermeticbuild.kubernetes.LintReport;
import dev.hermeticbuild.kubernetes.Manifest;
import dev.hermeticbuild.kubernetes.PodLint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookManifestsTest {

    @TempDir
    Path dir;

    private static final String IMAGE = "registry.example.com/hermetic/agent@" + AdmissionFixtures.GOOD;

    private List<ObjectNode> manifests() throws Exception {
        WebhookTls tls = new WebhookTls(dir);
        AdmissionPolicy policy = AdmissionPolicyFile.read(
                AdmissionFixtures.policyFile(dir, "exemptNamespaces: [kube-system, monitoring]\n" + AdmissionFixtures.RULES), Clock.systemUTC());
        return WebhookManifests.of(policy, new WebhookManifests.Options("hermetic-admission", "hermetic-system",
                ImageReference.parse(IMAGE, "--image"), Files.readAllBytes(tls.ca), 10, 2));
    }

    @Test
    void theWebhookConfigurationFailsClosedAndSkipsExemptNamespaces() throws Exception {
        ObjectNode config = manifests().get(0);
        assertEquals("ValidatingWebhookConfiguration", config.path("kind").asText());
        JsonNode hook = config.path("webhooks").get(0);
        assertEquals("Fail", hook.path("failurePolicy").asText());
        assertEquals("None", hook.path("sideEffects").asText());
        assertEquals(10, hook.path("timeoutSeconds").asInt());
        assertEquals("[\"v1\"]", hook.path("admissionReviewVersions").toString());
        assertEquals("[\"hermetic-system\",\"kube-system\",\"monitoring\"]",
                hook.path("namespaceSelector").path("matchExpressions").get(0).path("values").toString());
        assertEquals("/validate", hook.path("clientConfig").path("service").path("path").asText());
        String ca = new String(Base64.getDecoder().decode(hook.path("clientConfig").path("caBundle").asText()), StandardCharsets.US_ASCII);
        assertTrue(ca.startsWith("-----BEGIN CERTIFICATE-----"), ca);
        List<String> resources = new ArrayList<>();
        hook.path("rules").forEach(r -> r.path("resources").forEach(x -> resources.add(x.asText())));
        assertEquals(List.of("pods", "pods/ephemeralcontainers", "deployments", "statefulsets", "daemonsets", "replicasets",
                "jobs", "cronjobs"), resources);
    }

    @Test
    void theDeploymentPassesPodLint() throws Exception {
        String yaml = KubernetesYaml.toYaml(manifests());
        List<Manifest> read = KubernetesYaml.parse("manifests.yaml", yaml);
        Manifest deployment = read.stream().filter(m -> m.kind().equals("Deployment")).findFirst().orElseThrow();
        LintReport report = PodLint.lint(List.of(deployment), List.of(), Optional.empty(), Optional.empty());
        assertTrue(report.clean(), report.findings().toString());
        JsonNode container = deployment.node().path("spec").path("template").path("spec").path("containers").get(0);
        assertEquals(IMAGE, container.path("image").asText());
        assertEquals("admission", container.path("args").get(0).asText());
        assertEquals("Service", read.get(2).kind());
    }

    @Test
    void anUnpinnedImageOrABadCaBundleIsRefused() throws Exception {
        byte[] ca = Files.readAllBytes(new WebhookTls(dir).ca);
        InputException tag = assertThrows(InputException.class, () -> new WebhookManifests.Options("w", "ns",
                ImageReference.parse("registry.example.com/hermetic/agent:1.0", "--image"), ca, 10, 1));
        assertTrue(tag.getMessage().startsWith("--image registry.example.com/hermetic/agent:1.0: not pinned by digest"), tag.getMessage());
        InputException bad = assertThrows(InputException.class, () -> new WebhookManifests.Options("w", "ns",
                ImageReference.parse(IMAGE, "--image"), "not a certificate".getBytes(StandardCharsets.US_ASCII), 10, 1));
        assertTrue(bad.getMessage().startsWith("--ca-bundle"), bad.getMessage());
    }
}
