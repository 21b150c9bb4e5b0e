package dev.hermeticbuild.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
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
