package dev.hermeticbuild.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PodHardeningTest {

    /** An agent pod as the Kubernetes plugin makes it: images pinned, nothing hardened. */
    private static final String AGENT_POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: agent-1
              labels:
                hermetic-build.dev/egress: deny
            spec:
              containers:
              - name: jnlp
                image: jenkins/inbound-agent@sha256:%1$s
              - name: hermetic
                image: hermetic@sha256:%1$s
                securityContext:
                  runAsUser: 10000
                  capabilities:
                    add: [NET_RAW]
              initContainers:
              - name: init
                image: busybox@sha256:%1$s
            """.formatted("a".repeat(64));

    private static ObjectNode hardenedAgentPod() {
        JsonNode pod = KubernetesYaml.parse("pod.yaml", AGENT_POD).get(0).node();
        return PodHardening.hardened(pod).orElseThrow();
    }

    private static List<Finding> lint(JsonNode pod) {
        return PodLint.lint(List.of(new Manifest("pod.yaml", "Pod", pod)), List.of(), Optional.empty(), Optional.empty()).findings();
    }

    private static ObjectNode security(ObjectNode pod, int container) {
        return (ObjectNode) pod.path("spec").path("containers").get(container).path("securityContext");
    }

    @Test
    void aHardenedPodLintsCleanAndTheUnhardenedOneDoesNot() {
        assertFalse(lint(KubernetesYaml.parse("pod.yaml", AGENT_POD).get(0).node()).isEmpty());
        assertEquals(List.of(), lint(hardenedAgentPod()), "what hardening makes of a pod, pod-lint accepts");
    }

    @Test
    void aHardenedPodWithAnyOneHardeningUndoneFailsLint() {
        Map<String, Consumer<ObjectNode>> undo = new LinkedHashMap<>();
        undo.put("service-account-token", pod -> ((ObjectNode) pod.get("spec")).remove("automountServiceAccountToken"));
        undo.put("run-as-root", pod -> {
            ((ObjectNode) pod.path("spec").path("securityContext")).remove("runAsNonRoot");
            security(pod, 0).remove("runAsNonRoot");
        });
        undo.put("privilege-escalation", pod -> security(pod, 0).remove("allowPrivilegeEscalation"));
        undo.put("privileged", pod -> security(pod, 0).put("privileged", true));
        undo.put("writable-root-filesystem", pod -> security(pod, 0).remove("readOnlyRootFilesystem"));
        undo.put("capabilities-not-dropped", pod -> ((ObjectNode) security(pod, 1).get("capabilities")).remove("drop"));
        undo.put("capability-added", pod -> ((ArrayNode) security(pod, 1).path("capabilities").path("add")).add("NET_RAW"));
        undo.put("seccomp", pod -> {
            ((ObjectNode) pod.path("spec").path("securityContext")).remove("seccompProfile");
            security(pod, 0).remove("seccompProfile");
        });
        undo.put("no-writable-tmp", pod -> ((ArrayNode) pod.path("spec").path("containers").get(0).path("volumeMounts")).remove(0));
        for (var u : undo.entrySet()) {
            ObjectNode pod = hardenedAgentPod();
            u.getValue().accept(pod);
            assertEquals(Set.of(u.getKey()), Set.copyOf(lint(pod).stream().map(Finding::rule).toList()), u.getKey());
        }
    }

    @Test
    void aHardenedPodIsAPodOfTheKubernetesModelAndKeepsWhatItHad() {
        ObjectNode pod = hardenedAgentPod();
        KubernetesModel.strict(KubernetesYaml.toYaml(List.of(pod)), io.fabric8.kubernetes.api.model.Pod.class);
        assertEquals(10000, security(pod, 1).path("runAsUser").asInt());
        assertEquals("RuntimeDefault", pod.path("spec").path("securityContext").path("seccompProfile").path("type").asText());
    }

    @Test
    void onlyPodsWhoseEgressIsDeniedAreHardened() {
        String other = AGENT_POD.replace("egress: deny", "egress: allow");
        assertEquals(Optional.empty(), PodHardening.hardened(KubernetesYaml.parse("pod.yaml", other).get(0).node()));
        JsonNode original = KubernetesYaml.parse("pod.yaml", AGENT_POD).get(0).node();
        JsonNode copy = original.deepCopy();
        PodHardening.hardened(original);
        assertEquals(copy, original, "the pod handed in is left as it was");
    }

    @Test
    void selectsOnlyPodsWhoseEgressIsDenied() {
        assertTrue(PodHardening.selects(Map.of("hermetic-build.dev/egress", "deny", "app", "x")));
        assertFalse(PodHardening.selects(Map.of("hermetic-build.dev/egress", "allow")));
        assertFalse(PodHardening.selects(Map.of()));
        assertFalse(PodHardening.selects(null));
    }

    @Test
    void writableDirsAreAddedOnlyWhereMissingAndNeverUnderATakenVolumeName() {
        assertEquals(List.of(PodHardening.WRITABLE_DIRS.get(1)), PodHardening.missingWritableDirs(List.of("/tmp/")));
        PodHardening.WritableDir tmp = PodHardening.WRITABLE_DIRS.get(0);
        assertEquals("hermetic-writable-tmp-0", PodHardening.volumeName(0, tmp, Set.of("workspace-volume")));
        assertEquals("hermetic-writable-tmp-0-3", PodHardening.volumeName(0, tmp,
                Set.of("hermetic-writable-tmp-0", "hermetic-writable-tmp-0-2")), "the user's pod already has those names");
    }
}
