package dev.hermeticbuild.jenkins;

import dev.hermeticbuild.kubernetes.PodHardening;
import hudson.Extension;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesCloud;
import org.csanchez.jenkins.plugins.kubernetes.pod.decorator.PodDecorator;

/**
 * Hardens every agent pod labelled {@code hermetic-build.dev/egress: deny} (see
 * {@link PodHardening}): non-root, no privilege escalation, all capabilities dropped, read-only
 * root filesystem with its own writable emptyDirs at /tmp and the agent's home where a container
 * has none, seccomp RuntimeDefault, no service-account token. Other pods pass untouched.
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
        List<Volume> volumes = spec.getVolumes() == null ? new ArrayList<>() : new ArrayList<>(spec.getVolumes());
        for (int i = 0; i < all.size(); i++) {
            addWritableDirs(i, all.get(i), volumes);
        }
        spec.setVolumes(volumes);
        return pod;
    }

    /** The emptyDirs a container on a read-only root filesystem still needs, each its own, never shared with another container. */
    private static void addWritableDirs(int index, Container c, List<Volume> volumes) {
        List<VolumeMount> mounts = c.getVolumeMounts() == null ? new ArrayList<>() : new ArrayList<>(c.getVolumeMounts());
        List<String> writable = mounts.stream().filter(m -> !Boolean.TRUE.equals(m.getReadOnly())).map(VolumeMount::getMountPath).toList();
        for (PodHardening.WritableDir dir : PodHardening.missingWritableDirs(writable)) {
            String name = PodHardening.volumeName(index, dir,
                    volumes.stream().map(Volume::getName).collect(java.util.stream.Collectors.toSet()));
            volumes.add(new VolumeBuilder().withName(name).withNewEmptyDir().withSizeLimit(new Quantity(dir.sizeLimit())).endEmptyDir().build());
            mounts.add(new VolumeMountBuilder().withName(name).withMountPath(dir.path()).build());
        }
        c.setVolumeMounts(mounts);
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
