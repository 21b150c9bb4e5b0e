package dev.hermeticbuild.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.build.Tier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** pod-lint on real-world bad pods and policies, on the generated template, and on malformed input. */
class PodLintTest {

    static List<Manifest> resource(String name) {
        try (InputStream in = PodLintTest.class.getResourceAsStream(name)) {
            return KubernetesYaml.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static LintReport lint(List<Manifest> pods) {
        return PodLint.lint(pods, List.of(), Optional.empty(), Optional.empty());
    }

    static Set<String> paths(LintReport report) {
        return report.findings().stream().map(Finding::path).collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> rules(LintReport report) {
        return report.findings().stream().map(Finding::rule).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void aPrivilegedDockerInDockerAgent() {
        LintReport r = lint(resource("dind-agent.yaml"));
        assertEquals(List.of("Pod/dind-agent"), r.pods());
        Set<String> paths = paths(r);
        assertTrue(paths.containsAll(Set.of(
                "spec.containers[1].securityContext.privileged",
                "spec.containers[0].image", "spec.containers[1].image",
                "spec.automountServiceAccountToken",
                "spec.containers[0].securityContext.runAsNonRoot", "spec.containers[1].securityContext.runAsNonRoot",
                "spec.containers[1].securityContext.readOnlyRootFilesystem",
                "spec.containers[1].securityContext.capabilities.drop",
                "spec.containers[1].securityContext.seccompProfile")), paths.toString());
        assertFalse(paths.contains("spec.containers[0].securityContext.privileged"), "only the dind container is privileged");
        assertTrue(r.findings().stream().anyMatch(f -> f.message().contains("jenkins/inbound-agent:latest-jdk17 is not pinned")));
    }

    @Test
    void aDeploymentMountingTheDockerSocketAsRoot() {
        LintReport r = lint(resource("docker-sock-deployment.yaml"));
        assertEquals(List.of("Deployment/ci-runner"), r.pods());
        Set<String> paths = paths(r);
        assertTrue(paths.contains("spec.template.spec.volumes[0].hostPath"), paths.toString());
        assertTrue(paths.contains("spec.template.spec.containers[0].securityContext.runAsUser"), paths.toString());
        assertTrue(paths.contains("spec.template.spec.containers[0].image"), paths.toString());
        assertTrue(r.findings().stream().anyMatch(f -> f.rule().equals("host-path") && f.message().contains("/var/run/docker.sock")));
    }

    @Test
    void aHardenedPodWithALatestTagHasExactlyOneFinding() {
        LintReport r = lint(resource("latest-image.yaml"));
        assertEquals(1, r.findings().size(), r.findings().toString());
        Finding f = r.findings().get(0);
        assertEquals("Pod/maven-latest", f.resource());
        assertEquals("spec.containers[0].image", f.path());
        assertEquals("unpinned-image", f.rule());
    }

    @Test
    void aReadOnlyRootWithoutAWritableTmpIsNamed() {
        var node = resource("latest-image.yaml").get(0).node().deepCopy();
        var container = (com.fasterxml.jackson.databind.node.ObjectNode) node.path("spec").path("containers").get(0);
        container.put("image", "maven@sha256:" + "c".repeat(64));
        assertEquals(List.of(), lint(KubernetesYaml.parse("tmp.yaml", KubernetesYaml.toYaml(List.of(node)))).findings());
        ((com.fasterxml.jackson.databind.node.ObjectNode) container.path("volumeMounts").get(0)).put("readOnly", true);
        LintReport readOnlyTmp = lint(KubernetesYaml.parse("tmp.yaml", KubernetesYaml.toYaml(List.of(node))));
        assertEquals(List.of("no-writable-tmp"), readOnlyTmp.findings().stream().map(Finding::rule).toList(), "a read-only /tmp is no /tmp");
        container.remove("volumeMounts");
        LintReport none = lint(KubernetesYaml.parse("tmp.yaml", KubernetesYaml.toYaml(List.of(node))));
        assertEquals(List.of("spec.containers[0].volumeMounts"), none.findings().stream().map(Finding::path).toList());
        assertTrue(none.findings().get(0).message().contains("container 'maven' has a read-only root filesystem and nothing mounted at /tmp"),
                none.findings().get(0).message());
    }

    @Test
    void aNodeDebugDaemonSetSharesTheHostsNamespacesAsRoot() {
        LintReport r = lint(resource("node-debug-daemonset.yaml"));
        Set<String> paths = paths(r);
        String spec = "spec.template.spec";
        assertTrue(paths.containsAll(Set.of(spec + ".hostNetwork", spec + ".hostPID", spec + ".hostIPC",
                spec + ".securityContext.runAsUser",
                spec + ".containers[0].securityContext.capabilities.add[0]", spec + ".containers[0].securityContext.capabilities.add[1]",
                spec + ".containers[0].securityContext.seccompProfile.type")), paths.toString());
        assertFalse(paths.contains(spec + ".containers[0].image"), "pinned by digest");
    }

    @Test
    void sysAdminAndUnmaskedProcAreAcceptedOnlyWithUserNamespaces() {
        LintReport shared = lint(resource("sys-admin-without-userns.yaml"));
        assertEquals(Set.of("spec.containers[0].securityContext.capabilities.add[0]", "spec.containers[0].securityContext.procMount"),
                paths(shared));
        assertTrue(shared.findings().get(0).message().contains("without hostUsers: false"));

        var node = resource("sys-admin-without-userns.yaml").get(0).node().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) node.path("spec")).put("hostUsers", false);
        LintReport confined = lint(KubernetesYaml.parse("userns.yaml", KubernetesYaml.toYaml(List.of(node))));
        assertEquals(List.of(), confined.findings());
    }

    @Test
    void aCronJobInJsonWithAWritableRootFilesystem() {
        LintReport r = lint(resource("cronjob-writable.json"));
        assertEquals(List.of("CronJob/nightly-build"), r.pods());
        assertEquals(Set.of("spec.jobTemplate.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem"), paths(r));
    }

    @Test
    void podsNoPolicySelectsAreReportedWhenPoliciesAreGiven() {
        List<Manifest> policies = resource("leaky-policies.yaml");
        LintReport r = PodLint.lint(resource("latest-image.yaml"), policies, Optional.empty(), Optional.empty());
        assertTrue(r.findings().stream().anyMatch(f -> f.rule().equals("no-network-policy") && f.path().equals("metadata.labels")),
                r.findings().toString());
        LintReport without = lint(resource("latest-image.yaml"));
        assertFalse(rules(without).contains("no-network-policy"), "no policies given: network not checked");
    }

    @Test
    void leakyPoliciesThatLookLikeIsolation() {
        List<Manifest> pods = resource("cronjob-writable.json");
        LintReport r = PodLint.lint(pods, resource("leaky-policies.yaml"), Optional.empty(), Optional.empty());
        List<String> policyFindings = r.findings().stream().filter(f -> f.resource().startsWith("NetworkPolicy/"))
                .map(f -> f.resource() + " " + f.path()).toList();
        assertTrue(policyFindings.containsAll(List.of(
                "NetworkPolicy/allow-all-egress spec.egress[0].to",
                "NetworkPolicy/allow-all-egress spec.egress[0].ports",
                "NetworkPolicy/allow-https-anywhere spec.egress[0].to[0].ipBlock.cidr")), policyFindings.toString());
        assertFalse(rules(r).contains("egress-unrestricted"));

        LintReport withController = PodLint.lint(pods, resource("leaky-policies.yaml"),
                Optional.of(HostPort.parse("10.0.12.7:50000", "--controller")), Optional.empty());
        assertTrue(withController.findings().stream().anyMatch(f -> f.rule().equals("egress-beyond-controller")
                && f.resource().equals("NetworkPolicy/allow-https-anywhere") && f.message().contains("0.0.0.0/0 TCP/443")),
                withController.findings().toString());
    }

    @Test
    void dnsIsReportedWhenNothingNeedsResolving() {
        HostPort byName = HostPort.parse("jenkins.ci.svc:50000", "--controller");
        PodTemplateOptions o = new PodTemplateOptions(HermeticPodTemplateTest.BUILD, Optional.of(HermeticPodTemplateTest.AGENT), byName,
                Optional.empty(), Tier.DEV, SandboxVariant.USER_NAMESPACES, false, PodResources.defaults());
        List<Manifest> generated = KubernetesYaml.parse("pod.yaml",
                KubernetesYaml.toYaml(List.of(HermeticPodTemplate.pod(o), HermeticNetworkPolicy.networkPolicy(o))));
        assertTrue(PodLint.lint(generated, List.of(), Optional.of(byName), Optional.empty()).clean());
        // The same policy judged against a controller given by IP: DNS is only an exfiltration channel then,
        // and the namespace peer is not the controller.
        LintReport r = PodLint.lint(generated, List.of(), Optional.of(HostPort.parse("10.0.12.7:50000", "--controller")), Optional.empty());
        assertTrue(r.findings().stream().anyMatch(f -> f.path().equals("spec.egress[1]") && f.message().contains("tunnelling")),
                r.findings().toString());
        assertTrue(r.findings().stream().anyMatch(f -> f.path().equals("spec.egress[0]") && f.message().contains("namespace ci")),
                r.findings().toString());
    }

    @Test
    void theDevTemplateWithATagAndThePluginsDefaultAgentImageIsNotClean() {
        PodTemplateOptions o = new PodTemplateOptions(ImageReference.parse("hermetic-agent:dev", "--image"), Optional.empty(),
                HostPort.parse("10.0.12.7:50000", "--controller"), Optional.empty(), Tier.DEV, SandboxVariant.NETWORK_POLICY_ONLY,
                false, PodResources.defaults());
        LintReport r = lint(KubernetesYaml.parse("dev.yaml", KubernetesYaml.toYaml(List.of(HermeticPodTemplate.pod(o)))));
        assertEquals(Set.of("spec.containers[0].image", "spec.containers[1].image"), paths(r));
    }

    @Test
    void badInputIsRefusedNamingIt() {
        expectInput("bad.yaml: not valid YAML or JSON at line", "bad.yaml", "kind: Pod\nspec: [unclosed\n");
        expectInput("bad.json: not valid YAML or JSON", "bad.json", "{\"kind\": \"Pod\",");
        expectInput("notes.txt document 1: not a Kubernetes object", "notes.txt", "just some text\n");
        expectInput("svc.yaml document 2: kind Service is not a Pod", "svc.yaml",
                "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c, image: x}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n");
        expectInput("list.yaml document 1: a List with mixed kinds (Pod, Service)", "list.yaml",
                "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Pod, spec: {containers: []}}\n- {apiVersion: v1, kind: Service}\n");
        expectInput("img.yaml document 1 spec.containers[0].image UPPER/Case:1: malformed image name component 'UPPER'", "img.yaml",
                "apiVersion: v1\nkind: Pod\nspec: {containers: [{name: c, image: 'UPPER/Case:1'}]}\n");
        expectInput("nopod.yaml: no Pod", "nopod.yaml",
                "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec: {podSelector: {}}\n");
        expectInput("empty.yaml: no Kubernetes object", "empty.yaml", "---\n");
        expectInput("dup.yaml: not valid YAML or JSON at line 5", "dup.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: c, image: 'x:1',\n"
                + "    securityContext: {privileged: false, privileged: true}}]\n");
    }

    @Test
    void aListOfOneKindIsExpanded() {
        List<Manifest> items = KubernetesYaml.parse("list.yaml", "apiVersion: v1\nkind: PodList\nitems:\n"
                + "- {apiVersion: v1, kind: Pod, metadata: {name: a}, spec: {containers: [{name: c, image: 'x:1'}]}}\n"
                + "- {apiVersion: v1, kind: Pod, metadata: {name: b}, spec: {containers: [{name: c, image: 'x:1'}]}}\n");
        assertEquals(List.of("Pod/a", "Pod/b"), lint(items).pods());
        assertEquals("list.yaml document 1 items[1]", items.get(1).source());
    }

    static void expectInput(String expected, String name, String text) {
        InputException e = assertThrows(InputException.class, () -> lint(KubernetesYaml.parse(name, text)));
        assertTrue(e.getMessage().startsWith(expected), "expected '" + expected + "' but got: " + e.getMessage());
        assertEquals(2, e.exitCode());
    }
}
