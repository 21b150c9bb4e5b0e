package dev.hermeticbuild.jenkins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermeticbuild.kubernetes.PodHardening;
import hudson.Extension;
import io.fabric8.kubernetes.api.model.Pod;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesCloud;
import org.csanchez.jenkins.plugins.kubernetes.pod.decorator.PodDecorator;

/**
 * Hands every agent pod to {@link PodHardening}, which hardens those labelled
 * {@code hermetic-build.dev/egress: deny} and leaves the others alone; the pod crosses as the
 * JSON the Kubernetes API writes. Optional: without the Kubernetes plugin, Jenkins skips it and
 * the rest of the plugin works.
 */
@Extension(optional = true)
public final class HermeticPodDecorator implements PodDecorator {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Pod decorate(KubernetesCloud kubernetesCloud, Pod pod) {
        return PodHardening.hardened(JSON.valueToTree(pod)).map(HermeticPodDecorator::pod).orElse(pod);
    }

    private static Pod pod(JsonNode hardened) {
        try {
            return JSON.treeToValue(hardened, Pod.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a hardened pod that the Kubernetes model cannot read", e);
        }
    }
}
