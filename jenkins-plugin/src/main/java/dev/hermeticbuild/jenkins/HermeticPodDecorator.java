package dev.hermeticbuild.jenkins;

import dev.hermeticbuild.kubernetes.PodHardening;
import hudson.Extension;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesCloud;
import org.csanchez.jenkins.plugins.kubernetes.pod.decorator.PodDecorator;

/**
 * Hardens every agent pod labelled {@code hermetic-build.dev/egress: deny} (see
 * {@link PodHardening}): non-root, no privilege escalation, all capabilities dropped, read-only
 * root filesystem, seccomp RuntimeDefault, no service-account token. Other pods pass untouched.
 * Optional: without the Kubernetes plugin, Jenkins skips it and the rest of the plugin works.
 */
@Extension(optional = true)
public final class HermeticPodDecorator implements PodDecorator {

    @Override
    public Pod decorate(KubernetesCloud kubernetesCloud, Pod pod) {
        if (pod.getMetadata() == null || !PodHardening.selects(pod.getMetadata().getLabels())) {
            return pod;
        }
        PodSpec spec = pod.getSpec();
        spec.setAutomountServiceAccountToken(false);
        PodSecurityContext podSecurity = spec.getSecurityContext() == null ? new PodSecurityContext() : spec.getSecurityContext();
        podSecurity.setRunAsNonRoot(true);
        podSecurity.setSeccompProfile(seccomp(podSecurity.getSeccompProfile()));
        spec.setSecurityContext(podSecurity);
        List<Container> all = new ArrayList<>(spec.getContainers());
        if (spec.getInitContainers() != null) {
            all.addAll(spec.getInitContainers());
        }
        all.forEach(c -> harden(c, spec.getHostUsers()));
        return pod;
    }

    private static void harden(Container c, Boolean hostUsers) {
        SecurityContext sc = c.getSecurityContext() == null ? new SecurityContext() : c.getSecurityContext();
        sc.setRunAsNonRoot(true);
        sc.setAllowPrivilegeEscalation(false);
        sc.setPrivileged(false);
        sc.setReadOnlyRootFilesystem(true);
        Capabilities caps = new Capabilities();
        caps.setDrop(PodHardening.DROP_CAPABILITIES);
        caps.setAdd(PodHardening.keptCapabilities(sc.getCapabilities() == null ? null : sc.getCapabilities().getAdd(), hostUsers));
        sc.setCapabilities(caps);
        sc.setSeccompProfile(seccomp(sc.getSeccompProfile()));
        c.setSecurityContext(sc);
    }

    /** RuntimeDefault, unless the pod deliberately runs our Localhost profile (which stays, with its file). */
    private static SeccompProfile seccomp(SeccompProfile existing) {
        if (existing != null && PodHardening.seccompType(existing.getType()).equals("Localhost")) {
            return existing;
        }
        SeccompProfile profile = new SeccompProfile();
        profile.setType(PodHardening.SECCOMP);
        return profile;
    }
}
