package dev.hermeticbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `hermetic pod-template` and `hermetic pod-lint` on the command line: output, exit codes, bad input. */
class PodCommandsTest {

    static final String IMAGE = "registry.example.com/hermetic-agent@sha256:" + "ab".repeat(32);
    static final String AGENT = "registry.example.com/jenkins/inbound-agent@sha256:" + "cd".repeat(32);

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    @Test
    void theTemplatePipedIntoLintIsClean() throws IOException {
        Run t = hermetic("pod-template", "--image", IMAGE, "--agent-image", AGENT, "--controller", "jenkins.ci.svc:50000",
                "--cache-service", "10.0.40.2:8081", "--tier", "release", "--userns");
        assertEquals(0, t.exit(), t.err());
        assertEquals("", t.err());
        assertTrue(t.out().contains("kind: Pod\n") && t.out().contains("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"), t.out());
        Path file = Files.writeString(dir.resolve("pod.yaml"), t.out());
        Run lint = hermetic("pod-lint", file.toString(), "--controller", "jenkins.ci.svc:50000", "--cache-service", "10.0.40.2:8081");
        assertEquals(0, lint.exit(), lint.out() + lint.err());
        assertTrue(lint.out().contains("clean: 1 pod spec; network policies checked"), lint.out());
    }

    @Test
    void thePolicyCanGoToItsOwnFileForPodTemplateYaml() throws IOException {
        Path policy = dir.resolve("netpol.yaml");
        Run t = hermetic("pod-template", "--image", IMAGE, "--agent-image", AGENT, "--controller", "10.0.12.7:50000",
                "--seccomp-localhost", "--network-policy-out", policy.toString());
        assertEquals(0, t.exit(), t.err());
        assertFalse(t.out().contains("NetworkPolicy"), "stdout is the pod alone");
        assertTrue(t.err().contains("warning: --seccomp-localhost without --userns keeps /proc masked"), t.err());
        assertTrue(Files.readString(policy).contains("cidr: 10.0.12.7/32"));
        Path pod = Files.writeString(dir.resolve("pod.yaml"), t.out());
        Run lint = hermetic("pod-lint", pod.toString(), "--network-policies", policy.toString(), "--controller", "10.0.12.7:50000");
        assertEquals(0, lint.exit(), lint.out());
        // Without the policy the pod alone is clean too, but the network is not checked, and says so.
        Run alone = hermetic("pod-lint", pod.toString());
        assertEquals(0, alone.exit());
        assertTrue(alone.out().contains("network policies not checked"), alone.out());
    }

    @Test
    void aBadPodExitsOneWithEachFindingAndItsPath() throws IOException {
        Path pod = Files.writeString(dir.resolve("dind.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: dind}
                spec:
                  containers:
                  - name: docker
                    image: docker:dind
                    securityContext: {privileged: true}
                """);
        Run lint = hermetic("pod-lint", pod.toString());
        assertEquals(1, lint.exit());
        assertTrue(lint.out().contains("Pod/dind spec.containers[0].securityContext.privileged: container 'docker' is privileged"), lint.out());
        assertTrue(lint.out().contains("Pod/dind spec.containers[0].image: "), lint.out());

        Run json = hermetic("pod-lint", "--json", pod.toString());
        assertEquals(1, json.exit());
        JsonNode node = JsonOutputSchema.result(json.exit(), json.out(), json.err());
        assertFalse(node.path("clean").asBoolean());
        assertEquals("Pod/dind", node.path("pods").get(0).asText());
        boolean privileged = false;
        for (JsonNode f : node.path("findings")) {
            privileged |= f.path("path").asText().equals("spec.containers[0].securityContext.privileged")
                    && f.path("rule").asText().equals("privileged");
        }
        assertTrue(privileged, json.out());
    }

    @Test
    void bothSwitchesTogetherGiveUserNamespacesAndTheProfileWithoutSysAdmin() {
        Run t = hermetic("pod-template", "--image", IMAGE, "--agent-image", AGENT, "--controller", "10.0.12.7:50000",
                "--userns", "--seccomp-localhost", "--tier", "release");
        assertEquals(0, t.exit(), t.err());
        assertEquals("", t.err());
        assertTrue(t.out().contains("hostUsers: false") && t.out().contains("localhostProfile: hermetic-build/hermetic-sandbox.json")
                && t.out().contains("procMount: Unmasked") && t.out().contains("hermetic-build.dev/isolation: userns+seccomp-localhost"), t.out());
        assertFalse(t.out().contains("SYS_ADMIN"), t.out());
    }

    @Test
    void resourcesCanBeSized() {
        Run t = hermetic("pod-template", "--image", IMAGE, "--agent-image", AGENT, "--controller", "10.0.12.7:50000",
                "--cpu", "500m:2", "--memory", "6Gi", "--workspace-size", "50Gi");
        assertEquals(0, t.exit(), t.err());
        assertTrue(t.out().contains("requests:\n        cpu: 500m\n        memory: 6Gi\n      limits:\n        cpu: 2\n        memory: 6Gi"), t.out());
        assertTrue(t.out().contains("sizeLimit: 50Gi"), t.out());
    }

    @Test
    void theReleaseTierRefusesATagNamingTheOption() {
        Run t = hermetic("pod-template", "--image", "registry.example.com/hermetic-agent:1.0", "--agent-image", AGENT,
                "--controller", "10.0.12.7:50000", "--tier", "release", "--userns");
        assertEquals(2, t.exit());
        assertEquals("", t.out());
        assertTrue(t.err().startsWith("hermetic: --image registry.example.com/hermetic-agent:1.0: the release tier needs an image pinned by digest"), t.err());
    }

    @Test
    void theDevTierWarnsAboutTagsAndTheOptInIsPassedOnlyWhenAsked() {
        Run dev = hermetic("pod-template", "--image", "hermetic-agent:dev", "--controller", "10.0.12.7:50000");
        assertEquals(0, dev.exit());
        assertTrue(dev.err().contains("warning: --image hermetic-agent:dev is not pinned"), dev.err());
        assertTrue(dev.err().contains("warning: no --agent-image"), dev.err());
        assertFalse(dev.out().contains("HERMETIC_ISOLATION_OPT_IN"));
        Run optIn = hermetic("pod-template", "--image", IMAGE, "--agent-image", AGENT, "--controller", "10.0.12.7:50000",
                "--tier", "release", "--allow-network-policy-only");
        assertEquals(0, optIn.exit(), optIn.err());
        assertTrue(optIn.out().contains("name: HERMETIC_ISOLATION_OPT_IN\n      value: network-policy-only"), optIn.out());
    }

    @Test
    void badInputsExitTwoNamingTheInput() throws IOException {
        expectInputError("--controller jenkins: expected HOST:PORT", "pod-template", "--image", IMAGE, "--controller", "jenkins");
        expectInputError("--image registry.example.com/Hermetic:1", "pod-template", "--image", "registry.example.com/Hermetic:1",
                "--controller", "10.0.0.1:50000");
        expectInputError("--controller jenkins.example.com:50000: a NetworkPolicy cannot allow a DNS name", "pod-template",
                "--image", IMAGE, "--controller", "jenkins.example.com:50000");
        expectInputError("--allow-network-policy-only contradicts --userns", "pod-template", "--image", IMAGE, "--controller",
                "10.0.0.1:1", "--userns", "--seccomp-localhost", "--allow-network-policy-only");
        expectInputError("--tier release: without --userns or --seccomp-localhost", "pod-template", "--image", IMAGE,
                "--agent-image", AGENT, "--controller", "10.0.0.1:1", "--tier", "release");
        expectInputError("Missing required option: '--image", "pod-template", "--controller", "10.0.0.1:1");
        expectInputError("--network-policy-out " + dir.resolve("no/such/dir/p.yaml"), "pod-template", "--image", IMAGE,
                "--controller", "10.0.0.1:1", "--network-policy-out", dir.resolve("no/such/dir/p.yaml").toString());

        expectInputError("--memory 8Gi:4Gi: the request 8Gi is above the limit 4Gi", "pod-template", "--image", IMAGE,
                "--controller", "10.0.0.1:1", "--memory", "8Gi:4Gi");
        expectInputError("--cpu lots: not a Kubernetes quantity", "pod-template", "--image", IMAGE, "--controller", "10.0.0.1:1",
                "--cpu", "lots");
        expectInputError("--workspace-size 0: must be more than zero", "pod-template", "--image", IMAGE, "--controller", "10.0.0.1:1",
                "--workspace-size", "0");

        Path notYaml = Files.writeString(dir.resolve("broken.yaml"), "kind: Pod\nspec: {containers: [\n");
        expectInputError(notYaml + ": not valid YAML or JSON", "pod-lint", notYaml.toString());
        Path service = Files.writeString(dir.resolve("svc.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n");
        expectInputError(service + " document 1: kind Service is not a Pod", "pod-lint", service.toString());
        Path mixed = Files.writeString(dir.resolve("list.json"),
                "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{\"kind\":\"Pod\",\"spec\":{}},{\"kind\":\"ConfigMap\"}]}");
        expectInputError(mixed + " document 1: a List with mixed kinds (Pod, ConfigMap)", "pod-lint", mixed.toString());
        Path badImage = Files.writeString(dir.resolve("img.yaml"), "kind: Pod\nspec: {containers: [{name: c, image: 'nginx@sha256:xyz'}]}\n");
        expectInputError(badImage + " document 1 spec.containers[0].image nginx@sha256:xyz: malformed digest", "pod-lint", badImage.toString());
        expectInputError(dir.resolve("missing.yaml") + ": cannot read", "pod-lint", dir.resolve("missing.yaml").toString());
        Path pod = Files.writeString(dir.resolve("ok.yaml"), "kind: Pod\nspec: {containers: [{name: c, image: 'x:1'}]}\n");
        expectInputError("--controller 10.0.0.1: expected HOST:PORT", "pod-lint", pod.toString(), "--controller", "10.0.0.1");
        expectInputError(pod + " document 1: kind Pod is not a NetworkPolicy", "pod-lint", pod.toString(), "--network-policies", pod.toString());
    }

    private void expectInputError(String named, String... args) {
        Run r = hermetic(args);
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(named), "expected the message to name '" + named + "': " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    static Run hermetic(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HermeticCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }
}
