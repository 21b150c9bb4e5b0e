package dev.hermeticbuild.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.kubernetes.Finding;
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
        return manifests(List.of(), Optional.empty());
    }

    private List<ObjectNode> manifests(List<Integer> registryPorts, Optional<String> registryAuthSecret) throws Exception {
        WebhookTls tls = new WebhookTls(dir);
        AdmissionPolicy policy = AdmissionPolicyFile.read(
                AdmissionFixtures.policyFile(dir, "exemptNamespaces: [kube-system, monitoring]\n" + AdmissionFixtures.RULES), Clock.systemUTC());
        return WebhookManifests.of(policy, new WebhookManifests.Options("hermetic-admission", "hermetic-system",
                ImageReference.parse(IMAGE, "--image"), Files.readAllBytes(tls.ca), 10, 2, registryPorts, registryAuthSecret, Optional.empty()));
    }

    private static ObjectNode ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).findFirst().orElseThrow();
    }

    private static JsonNode container(List<ObjectNode> objects) {
        return ofKind(objects, "Deployment").path("spec").path("template").path("spec").path("containers").get(0);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.isTextual() ? x.asText() : x.toString()));
        return out;
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
    void aPolicyThatPinsTagsAddsTheMutatingWebhookOnTheSameServer() throws Exception {
        assertTrue(manifests().stream().noneMatch(o -> o.path("kind").asText().equals("MutatingWebhookConfiguration")),
                "no rule pins tags: no mutating webhook");
        WebhookTls tls = new WebhookTls(dir);
        AdmissionPolicy policy = AdmissionPolicyFile.read(AdmissionFixtures.policyFile(dir,
                "exemptNamespaces: [kube-system]\n" + AdmissionFixtures.RULES + "    resolveTags: true\n"), Clock.systemUTC());
        List<ObjectNode> objects = WebhookManifests.of(policy, new WebhookManifests.Options("hermetic-admission", "hermetic-system",
                ImageReference.parse(IMAGE, "--image"), Files.readAllBytes(tls.ca), 10, 2, List.of(), Optional.empty(), Optional.empty()));
        assertEquals(List.of("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "NetworkPolicy", "Deployment", "Service"),
                objects.stream().map(o -> o.path("kind").asText()).toList());
        JsonNode validating = objects.get(0).path("webhooks").get(0);
        JsonNode mutating = objects.get(1).path("webhooks").get(0);
        assertEquals("/mutate", mutating.path("clientConfig").path("service").path("path").asText());
        assertEquals("Fail", mutating.path("failurePolicy").asText(), "an unreachable webhook denies");
        assertEquals("IfNeeded", mutating.path("reinvocationPolicy").asText());
        assertEquals(validating.path("rules"), mutating.path("rules"));
        assertEquals(validating.path("namespaceSelector"), mutating.path("namespaceSelector"));
        assertEquals(validating.path("clientConfig").path("caBundle"), mutating.path("clientConfig").path("caBundle"));
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
        assertEquals(List.of("ValidatingWebhookConfiguration", "NetworkPolicy", "Deployment", "Service"),
                read.stream().map(Manifest::kind).toList());
    }

    @Test
    void theNetworkPolicyLetsInTheWebhookPortAndOutOnlyDnsAndRegistries() throws Exception {
        List<ObjectNode> objects = manifests(List.of(5000, 443, 5000), Optional.empty());
        JsonNode spec = ofKind(objects, "NetworkPolicy").path("spec");
        assertEquals("networking.k8s.io/v1", ofKind(objects, "NetworkPolicy").path("apiVersion").asText());
        assertEquals("hermetic-system", ofKind(objects, "NetworkPolicy").path("metadata").path("namespace").asText());
        assertEquals(List.of("Ingress", "Egress"), texts(spec.path("policyTypes")));
        assertEquals(1, spec.path("ingress").size());
        JsonNode in = spec.path("ingress").get(0);
        assertFalse(in.has("from"), "the API server's address cannot be selected: the port is open to any source");
        assertEquals(List.of("{\"protocol\":\"TCP\",\"port\":8443}"), texts(in.path("ports")));
        JsonNode egress = spec.path("egress");
        assertEquals(2, egress.size());
        assertEquals(List.of("{\"protocol\":\"UDP\",\"port\":53}", "{\"protocol\":\"TCP\",\"port\":53}"),
                texts(egress.get(0).path("ports")));
        assertEquals(List.of("{\"protocol\":\"TCP\",\"port\":443}", "{\"protocol\":\"TCP\",\"port\":5000}"),
                texts(egress.get(1).path("ports")), "443 always, each given port once");

        List<ObjectNode> defaults = manifests();
        assertEquals(List.of("{\"protocol\":\"TCP\",\"port\":443}"),
                texts(ofKind(defaults, "NetworkPolicy").path("spec").path("egress").get(1).path("ports")));
    }

    @Test
    void theNetworkPolicySelectsTheWebhookPods() throws Exception {
        List<Manifest> read = KubernetesYaml.parse("manifests.yaml", KubernetesYaml.toYaml(manifests()));
        List<Manifest> podAndPolicy = read.stream().filter(m -> m.kind().equals("Deployment") || m.kind().equals("NetworkPolicy")).toList();
        LintReport report = PodLint.lint(podAndPolicy, List.of(), Optional.empty(), Optional.empty());
        assertTrue(report.policiesChecked());
        // pod-lint judges policies as a build agent's (no ingress, egress to the controller): only its coverage applies here
        List<String> rules = report.findings().stream().map(Finding::rule).toList();
        for (String coverage : List.of("no-network-policy", "ingress-unrestricted", "egress-unrestricted")) {
            assertFalse(rules.contains(coverage), report.findings().toString());
        }
    }

    @Test
    void everyObjectPassesPodLintsWebhookCheck() throws Exception {
        for (List<Integer> ports : List.of(List.<Integer>of(), List.of(5000))) {
            List<Manifest> read = KubernetesYaml.parse("manifests.yaml", KubernetesYaml.toYaml(manifests(ports, Optional.of("pull"))));
            LintReport report = PodLint.lintWebhook(read, WebhookManifests.PORT, ports);
            assertTrue(report.clean(), report.findings().toString());
            assertTrue(report.policiesChecked());
            assertEquals(List.of("Deployment/hermetic-admission"), report.pods());
        }
    }

    /** What an edit of the generated objects would open: each is named with its path. */
    @Test
    void theWebhookCheckReportsAnOpenedPortARangeAPortlessRuleAndAWebhookThatFailsOpen() throws Exception {
        List<ObjectNode> objects = manifests();
        ObjectNode policy = ofKind(objects, "NetworkPolicy");
        com.fasterxml.jackson.databind.node.ArrayNode in = (com.fasterxml.jackson.databind.node.ArrayNode) policy.path("spec")
                .path("ingress").get(0).path("ports");
        in.addObject().put("protocol", "TCP").put("port", 22);
        in.addObject().put("protocol", "TCP").put("port", "https");
        com.fasterxml.jackson.databind.node.ArrayNode egress = (com.fasterxml.jackson.databind.node.ArrayNode) policy.path("spec").path("egress");
        ((com.fasterxml.jackson.databind.node.ArrayNode) egress.get(1).path("ports")).addObject().put("protocol", "TCP").put("port", 5432);
        egress.addObject().putArray("ports").addObject().put("protocol", "TCP").put("port", 1024).put("endPort", 65535);
        egress.addObject().putArray("to").addObject().putObject("ipBlock").put("cidr", "0.0.0.0/0");
        ((ObjectNode) ofKind(objects, "ValidatingWebhookConfiguration").path("webhooks").get(0)).put("failurePolicy", "Ignore");
        LintReport report = PodLint.lintWebhook(KubernetesYaml.parse("edited.yaml", KubernetesYaml.toYaml(objects)), WebhookManifests.PORT,
                List.of());
        assertEquals(List.of(
                "NetworkPolicy/hermetic-admission spec.ingress[0].ports[1] ingress-port",
                "NetworkPolicy/hermetic-admission spec.ingress[0].ports[2] ingress-port",
                "NetworkPolicy/hermetic-admission spec.egress[1].ports[1] egress-port",
                "NetworkPolicy/hermetic-admission spec.egress[2].ports[0].endPort egress-open",
                "NetworkPolicy/hermetic-admission spec.egress[3].ports egress-open",
                "ValidatingWebhookConfiguration/hermetic-admission webhooks[0].failurePolicy webhook-fails-open"),
                report.findings().stream().map(f -> f.resource() + " " + f.path() + " " + f.rule()).toList());
        assertTrue(report.findings().get(0).message().contains("allows ingress on TCP/22; the webhook serves only TCP 8443"),
                report.findings().get(0).message());
        assertTrue(report.findings().get(5).message().startsWith("failurePolicy Ignore admits every object unchecked"),
                report.findings().get(5).message());
        InputException other = assertThrows(InputException.class, () -> PodLint.lintWebhook(KubernetesYaml.parse("x.yaml",
                KubernetesYaml.toYaml(List.of(ofKind(objects, "Deployment"), (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\"}}")))),
                WebhookManifests.PORT, List.of()));
        assertTrue(other.getMessage().endsWith("kind Secret is not a Pod, a workload with a pod template, a NetworkPolicy, a Service"
                + " or a webhook configuration"), other.getMessage());
    }

    @Test
    void theHeapFitsTheContainerMemory() throws Exception {
        JsonNode c = container(manifests());
        assertEquals("{\"requests\":{\"cpu\":\"100m\",\"memory\":\"512Mi\"},\"limits\":{\"memory\":\"512Mi\"}}",
                c.path("resources").toString());
        assertEquals(1, c.path("env").size());
        assertEquals("HERMETIC_JAVA_OPTS", c.path("env").get(0).path("name").asText());
        List<String> jvm = List.of(c.path("env").get(0).path("value").asText().split(" "));
        assertTrue(jvm.contains("-XX:MaxRAMPercentage=62.5"), jvm.toString());
    }

    /**
     * The JVM options the image's launcher gives java for {@code args}, with {@code javaOptions} as
     * HERMETIC_JAVA_OPTS (null: unset): the launcher runs for real, with a {@code java} on its PATH
     * that writes down its arguments.
     */
    private List<String> launcherJvmOptions(String javaOptions, String... args) throws Exception {
        Path launcher = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null && launcher == null; p = p.getParent()) {
            launcher = Files.isRegularFile(p.resolve("agent-image/hermetic")) ? p.resolve("agent-image/hermetic") : null;
        }
        assertTrue(launcher != null, "no agent-image/hermetic above " + Path.of("").toAbsolutePath());
        Path bin = Files.createDirectories(dir.resolve("fake-java"));
        Path written = dir.resolve("java-args");
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + written + "'\n");
        assertTrue(java.toFile().setExecutable(true));
        List<String> command = new ArrayList<>(List.of("/bin/sh", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().remove("HERMETIC_JAVA_OPTS");
        if (javaOptions != null) {
            pb.environment().put("HERMETIC_JAVA_OPTS", javaOptions);
        }
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        List<String> all = Files.readAllLines(written);
        int jar = all.indexOf("-jar");
        assertEquals(List.of("-jar", "/opt/hermetic/hermetic.jar"), all.subList(jar, jar + 2), String.valueOf(all));
        assertEquals(List.of(args), all.subList(jar + 2, all.size()), "the arguments pass through unchanged");
        return all.subList(0, jar);
    }

    @Test
    void theImageLauncherRaisesTheJitThresholdsForShortCommandsOnly() throws Exception {
        List<String> shortCommand = launcherJvmOptions(null, "build", "--", "true");
        assertEquals(List.of("-XX:+UseSerialGC", "-Xshare:auto", "-XX:CompileThresholdScaling=10"), shortCommand);
        assertEquals(List.of("-XX:+UseSerialGC", "-Xshare:auto"), launcherJvmOptions(null, "admission", "serve", "--policy", "p.yaml"));
        assertEquals(List.of("-XX:+UseSerialGC", "-Xshare:auto"), launcherJvmOptions(null, "metrics", "--store", "s", "--listen", "0.0.0.0:9464"));
        assertEquals(List.of("-XX:+UseSerialGC", "-Xshare:auto"), launcherJvmOptions(null, "metrics", "--listen=0.0.0.0:9464"));
        assertEquals(shortCommand, launcherJvmOptions(null, "metrics", "--store", "s"), "metrics without --listen prints once");
        assertEquals(shortCommand, launcherJvmOptions(null, "admission", "manifests", "--policy", "p.yaml"));
        assertEquals(List.of("-Xmx64m", "-Xss1m"), launcherJvmOptions("-Xmx64m -Xss1m", "build", "--", "true"), "HERMETIC_JAVA_OPTS replaces them");
    }

    @Test
    void theJavaOptionsKeepTheImageLaunchersDefaultsForAServer() throws Exception {
        List<String> server = List.of(WebhookManifests.JAVA_OPTIONS.split(" "));
        List<String> defaults = launcherJvmOptions(null, "admission", "serve");
        assertTrue(server.containsAll(defaults), "HERMETIC_JAVA_OPTS replaces the launcher's defaults " + defaults + ": "
                + WebhookManifests.JAVA_OPTIONS);
        assertTrue(server.stream().noneMatch(o -> o.startsWith("-XX:CompileThresholdScaling=")), "a server keeps the JIT's own thresholds");
    }

    @Test
    void theRegistryPullSecretIsMountedAndPassedOnlyWhenGiven() throws Exception {
        JsonNode plain = container(manifests());
        assertFalse(texts(plain.path("args")).contains("--registry-auth"));
        assertFalse(plain.path("volumeMounts").toString().contains("registry-auth"));
        assertFalse(ofKind(manifests(), "Deployment").toString().contains("registry-auth"));

        List<ObjectNode> objects = manifests(List.of(), Optional.of("registry-pull.team-a"));
        JsonNode c = container(objects);
        List<String> args = texts(c.path("args"));
        int at = args.indexOf("--registry-auth");
        assertTrue(at > 0, args.toString());
        assertEquals("/etc/hermetic/registry-auth/.dockerconfigjson", args.get(at + 1));
        assertEquals("{\"name\":\"registry-auth\",\"mountPath\":\"/etc/hermetic/registry-auth\",\"readOnly\":true}",
                c.path("volumeMounts").get(2).toString());
        JsonNode volume = ofKind(objects, "Deployment").path("spec").path("template").path("spec").path("volumes").get(2);
        assertEquals("{\"name\":\"registry-auth\",\"secret\":{\"secretName\":\"registry-pull.team-a\",\"items\":"
                + "[{\"key\":\".dockerconfigjson\",\"path\":\".dockerconfigjson\"}]}}", volume.toString());
        Manifest deployment = KubernetesYaml.parse("manifests.yaml", KubernetesYaml.toYaml(objects)).stream()
                .filter(m -> m.kind().equals("Deployment")).findFirst().orElseThrow();
        LintReport report = PodLint.lint(List.of(deployment), List.of(), Optional.empty(), Optional.empty());
        assertTrue(report.clean(), report.findings().toString());
    }

    @Test
    void aBadRegistryPortOrSecretNameIsRefusedNamingTheOption() throws Exception {
        for (int port : List.of(0, -1, 65536)) {
            InputException e = assertThrows(InputException.class, () -> manifests(List.of(port), Optional.empty()));
            assertEquals("--registry-port " + port + ": not a TCP port (1 to 65535)", e.getMessage());
        }
        for (String name : List.of("", "Pull", "pull_secret", "-pull", "pull-", "pull..a", "a/b", "p".repeat(254), "pull\nsecret")) {
            InputException e = assertThrows(InputException.class, () -> manifests(List.of(), Optional.of(name)), name);
            assertTrue(e.getMessage().startsWith("--registry-auth-secret '"), e.getMessage());
            assertTrue(e.getMessage().contains("not a Kubernetes object name"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "printed escaped: " + e.getMessage());
        }
        assertTrue(texts(container(manifests(List.of(65535), Optional.of("p".repeat(253)))).path("args")).contains("--registry-auth"),
                "the longest name and the highest port are taken");
    }

    @Test
    void clientCertificatesMountTheCaConfigMapAndPassItsFileAndTheNames() throws Exception {
        WebhookTls tls = new WebhookTls(dir);
        AdmissionPolicy policy = AdmissionPolicyFile.read(AdmissionFixtures.policyFile(dir, AdmissionFixtures.RULES), Clock.systemUTC());
        ObjectNode deployment = ofKind(WebhookManifests.of(policy, new WebhookManifests.Options("hermetic-admission", "hermetic-system",
                ImageReference.parse(IMAGE, "--image"), Files.readAllBytes(tls.ca), 10, 2, List.of(), Optional.empty(),
                Optional.of(new WebhookManifests.ClientCertificates("apiserver-client-ca", List.of("kube-apiserver"))))), "Deployment");
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        List<String> args = new java.util.ArrayList<>();
        pod.path("containers").get(0).path("args").forEach(a -> args.add(a.asText()));
        int ca = args.indexOf("--client-ca");
        assertEquals(WebhookManifests.CLIENT_CA_DIR + "/ca.crt", args.get(ca + 1), String.valueOf(args));
        assertEquals("kube-apiserver", args.get(args.indexOf("--client-name") + 1), String.valueOf(args));
        JsonNode mount = null;
        for (JsonNode m : pod.path("containers").get(0).path("volumeMounts")) {
            if (m.path("name").asText().equals("client-ca")) {
                mount = m;
            }
        }
        assertEquals(WebhookManifests.CLIENT_CA_DIR, mount.path("mountPath").asText());
        assertTrue(mount.path("readOnly").asBoolean());
        JsonNode volume = null;
        for (JsonNode v : pod.path("volumes")) {
            if (v.path("name").asText().equals("client-ca")) {
                volume = v;
            }
        }
        assertEquals("apiserver-client-ca", volume.path("configMap").path("name").asText());
        assertEquals("ca.crt", volume.path("configMap").path("items").get(0).path("key").asText());

        InputException name = assertThrows(InputException.class, () -> new WebhookManifests.ClientCertificates("Client_CA", List.of()));
        assertTrue(name.getMessage().startsWith("--client-ca-configmap 'Client_CA': not a Kubernetes object name"), name.getMessage());
        InputException wildcard = assertThrows(InputException.class,
                () -> new WebhookManifests.ClientCertificates("client-ca", List.of("*.svc")));
        assertTrue(wildcard.getMessage().startsWith("--client-name '*.svc'"), wildcard.getMessage());
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
