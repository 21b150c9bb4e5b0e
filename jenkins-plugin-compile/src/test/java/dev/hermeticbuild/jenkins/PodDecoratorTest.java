package dev.hermeticbuild.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermeticbuild.kubernetes.Manifest;
import dev.hermeticbuild.kubernetes.PodLint;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the decorator changes in a pod (fabric8 model objects, as the Kubernetes plugin hands them over). */
class PodDecoratorTest {

    static Pod pod(Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withName("agent-1").withLabels(labels).endMetadata()
                .withNewSpec()
                .addToContainers(new ContainerBuilder().withName("jnlp").withImage("jenkins/inbound-agent").build())
                .addToContainers(new ContainerBuilder().withName("hermetic").withImage("hermetic@sha256:ab")
                        .withNewSecurityContext().withRunAsUser(10000L).withNewCapabilities().addToAdd("NET_RAW")
                        .endCapabilities().endSecurityContext().build())
                .addToInitContainers(new ContainerBuilder().withName("init").withImage("busybox").build())
                .endSpec().build();
    }

    @Test
    void hardensEveryContainerOfALabelledPod() {
        Pod pod = new HermeticPodDecorator().decorate(null, pod(Map.of("hermetic-build.dev/egress", "deny")));
        assertFalse(pod.getSpec().getAutomountServiceAccountToken());
        assertTrue(pod.getSpec().getSecurityContext().getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSpec().getSecurityContext().getSeccompProfile().getType());
        List<Container> all = new java.util.ArrayList<>(pod.getSpec().getContainers());
        all.addAll(pod.getSpec().getInitContainers());
        assertEquals(3, all.size());
        for (Container c : all) {
            var sc = c.getSecurityContext();
            assertTrue(sc.getRunAsNonRoot(), c.getName());
            assertFalse(sc.getAllowPrivilegeEscalation(), c.getName());
            assertFalse(sc.getPrivileged(), c.getName());
            assertTrue(sc.getReadOnlyRootFilesystem(), c.getName());
            assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), c.getName());
            assertTrue(sc.getCapabilities().getAdd() == null || sc.getCapabilities().getAdd().isEmpty(), c.getName());
            assertEquals("RuntimeDefault", sc.getSeccompProfile().getType(), c.getName());
        }
        assertEquals(10000L, pod.getSpec().getContainers().get(1).getSecurityContext().getRunAsUser());
    }

    @Test
    void everyContainerGetsItsOwnWritableTmpAndHomeUnlessItHasThem() {
        Pod labelled = pod(Map.of("hermetic-build.dev/egress", "deny"));
        Container build = labelled.getSpec().getContainers().get(1);
        build.setVolumeMounts(List.of(new VolumeMountBuilder().withName("own-tmp").withMountPath("/tmp/").build(),
                new VolumeMountBuilder().withName("config").withMountPath("/home/jenkins").withReadOnly(true).build()));
        Pod pod = new HermeticPodDecorator().decorate(null, labelled);
        Map<String, List<String>> mounts = new java.util.LinkedHashMap<>();
        List<Container> all = new java.util.ArrayList<>(pod.getSpec().getContainers());
        all.addAll(pod.getSpec().getInitContainers());
        for (Container c : all) {
            mounts.put(c.getName(), c.getVolumeMounts().stream().map(m -> m.getMountPath() + "=" + m.getName()).toList());
        }
        assertEquals(Map.of(
                "jnlp", List.of("/tmp=hermetic-writable-tmp-0", "/home/jenkins=hermetic-writable-home-0"),
                "hermetic", List.of("/tmp/=own-tmp", "/home/jenkins=config", "/home/jenkins=hermetic-writable-home-1"),
                "init", List.of("/tmp=hermetic-writable-tmp-2", "/home/jenkins=hermetic-writable-home-2")), mounts,
                "a writable /tmp of its own is kept; a read-only mount does not count as writable");
        assertEquals(List.of("hermetic-writable-tmp-0", "hermetic-writable-home-0", "hermetic-writable-home-1",
                        "hermetic-writable-tmp-2", "hermetic-writable-home-2"),
                pod.getSpec().getVolumes().stream().map(v -> v.getName()).toList(), "one emptyDir per container, never shared");
        assertEquals("1Gi", pod.getSpec().getVolumes().get(0).getEmptyDir().getSizeLimit().toString());

        Pod clash = pod(Map.of("hermetic-build.dev/egress", "deny"));
        clash.getSpec().setVolumes(new java.util.ArrayList<>(List.of(new io.fabric8.kubernetes.api.model.VolumeBuilder()
                .withName("hermetic-writable-tmp-0").withNewEmptyDir().endEmptyDir().build())));
        List<String> names = new HermeticPodDecorator().decorate(null, clash).getSpec().getVolumes().stream().map(v -> v.getName()).toList();
        assertEquals(names.size(), new java.util.HashSet<>(names).size(), "a volume name the pod already uses is not given twice: " + names);
    }

    @Test
    void aDecoratedPodPassesPodLint() {
        Pod pod = new PodBuilder().withNewMetadata().withName("agent-3").withLabels(Map.of("hermetic-build.dev/egress", "deny")).endMetadata()
                .withNewSpec()
                .addToContainers(new ContainerBuilder().withName("jnlp").withImage("jenkins/inbound-agent@sha256:" + "a".repeat(64)).build())
                .addToContainers(new ContainerBuilder().withName("hermetic").withImage("hermetic@sha256:" + "b".repeat(64)).build())
                .endSpec().build();
        JsonNode before = new ObjectMapper().valueToTree(pod);
        assertFalse(PodLint.lint(List.of(new Manifest("pod.yaml", "Pod", before)), List.of(), Optional.empty(), Optional.empty())
                .findings().isEmpty(), "the undecorated pod has findings");
        JsonNode after = new ObjectMapper().valueToTree(new HermeticPodDecorator().decorate(null, pod));
        var findings = PodLint.lint(List.of(new Manifest("pod.yaml", "Pod", after)), List.of(), Optional.empty(), Optional.empty()).findings();
        assertEquals(List.of(), findings, "what the decorator makes of a pod, pod-lint accepts");
    }

    @Test
    void theInPodSandboxVariantsSurvive() {
        Pod userns = new PodBuilder().withNewMetadata().withName("agent-2").withLabels(Map.of("hermetic-build.dev/egress", "deny")).endMetadata()
                .withNewSpec().withHostUsers(false)
                .addToContainers(new ContainerBuilder().withName("hermetic").withImage("hermetic@sha256:ab")
                        .withNewSecurityContext().withNewCapabilities().addToAdd("SYS_ADMIN", "NET_ADMIN").endCapabilities()
                        .withNewSeccompProfile().withType("Localhost").withLocalhostProfile("hermetic-build/hermetic-sandbox.json")
                        .endSeccompProfile().endSecurityContext().build())
                .endSpec().build();
        Container c = new HermeticPodDecorator().decorate(null, userns).getSpec().getContainers().get(0);
        assertEquals(List.of("SYS_ADMIN"), c.getSecurityContext().getCapabilities().getAdd(), "SYS_ADMIN stays under hostUsers: false; NET_ADMIN goes");
        assertEquals("Localhost", c.getSecurityContext().getSeccompProfile().getType());
        assertEquals("hermetic-build/hermetic-sandbox.json", c.getSecurityContext().getSeccompProfile().getLocalhostProfile());

        userns.getSpec().setHostUsers(null);
        userns.getSpec().getContainers().get(0).getSecurityContext().getCapabilities().setAdd(List.of("SYS_ADMIN"));
        Container withHostUsers = new HermeticPodDecorator().decorate(null, userns).getSpec().getContainers().get(0);
        assertEquals(List.of(), withHostUsers.getSecurityContext().getCapabilities().getAdd(), "without user namespaces SYS_ADMIN is removed");
    }

    @Test
    void leavesOtherPodsAlone() {
        for (Map<String, String> labels : List.of(Map.<String, String>of(), Map.of("hermetic-build.dev/egress", "allow"))) {
            Pod before = pod(labels);
            Pod after = new HermeticPodDecorator().decorate(null, pod(labels));
            assertEquals(before, after);
        }
        Pod noMetadata = new PodBuilder().withNewSpec().endSpec().build();
        assertEquals(noMetadata, new HermeticPodDecorator().decorate(null, noMetadata));
    }
}
