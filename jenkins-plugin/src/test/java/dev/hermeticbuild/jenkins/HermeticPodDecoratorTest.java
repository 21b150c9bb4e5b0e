package dev.hermeticbuild.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import hudson.ExtensionList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesCloud;
import org.csanchez.jenkins.plugins.kubernetes.pod.decorator.PodDecorator;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** The decorator is registered and the Kubernetes plugin's decorateAll hardens exactly the labelled pods. */
public class HermeticPodDecoratorTest {

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private static Pod pod(String egress) {
        return new PodBuilder().withNewMetadata().withName("agent").addToLabels("hermetic-build.dev/egress", egress)
                .endMetadata().withNewSpec().addNewContainer().withName("jnlp").withImage("jenkins/inbound-agent")
                .endContainer().endSpec().build();
    }

    @Test
    public void hardensLabelledPodsThroughTheExtensionPoint() throws Exception {
        assertEquals(1, ExtensionList.lookup(PodDecorator.class).stream()
                .filter(HermeticPodDecorator.class::isInstance).count());
        KubernetesCloud cloud = new KubernetesCloud("kubernetes");
        Pod hardened = PodDecorator.decorateAll(cloud, pod("deny"));
        assertFalse(hardened.getSpec().getAutomountServiceAccountToken());
        assertTrue(hardened.getSpec().getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem());
        // The Kubernetes plugin's own decorators change every pod: assert what ours does (and does not).
        assertEquals(pod("allow"), new HermeticPodDecorator().decorate(cloud, pod("allow")));
        Pod other = PodDecorator.decorateAll(cloud, pod("allow"));
        assertNull(other.getSpec().getAutomountServiceAccountToken());
        assertNull(other.getSpec().getContainers().get(0).getSecurityContext() == null ? null
                : other.getSpec().getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem());
    }
}
