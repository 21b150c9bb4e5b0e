package dev.hermeticbuild.kubernetes;

import java.util.List;
import java.util.Map;

/**
 * Which pods the CI adapter hardens and what it sets on them: every pod labelled
 * {@value #EGRESS_LABEL}={@value #EGRESS_DENY} (the label the deny-egress NetworkPolicy selects)
 * runs as non-root, without privilege escalation or capabilities, on a read-only root
 * filesystem (with writable emptyDirs at /tmp and the agent's home), under seccomp RuntimeDefault,
 * with no service-account token. Other pods are left alone.
 * The two in-pod sandbox variants of {@link HermeticPodTemplate} survive, under the same rule as
 * {@link PodLint}: a Localhost seccomp profile is kept, and SYS_ADMIN is kept only in a pod with
 * {@code hostUsers: false}, where it is confined to the pod's user namespace.
 */
public final class PodHardening {

    /** The label the NetworkPolicy and the pod decorator select. */
    public static final String EGRESS_LABEL = HermeticPodTemplate.EGRESS_LABEL;
    /** Its value for pods whose egress is denied. */
    public static final String EGRESS_DENY = HermeticPodTemplate.EGRESS_LABEL_VALUE;
    /** Capabilities dropped from every container. */
    public static final List<String> DROP_CAPABILITIES = List.of("ALL");
    /** The seccomp profile type set on the pod and its containers. */
    public static final String SECCOMP = "RuntimeDefault";

    private PodHardening() {
    }

    /** The seccomp profile type to set, given the one a container or pod has: Localhost is kept, anything else becomes RuntimeDefault. */
    public static String seccompType(String existing) {
        return "Localhost".equals(existing) ? "Localhost" : SECCOMP;
    }

    /** The added capabilities that survive hardening: SYS_ADMIN alone, and only in a pod without host users. */
    public static List<String> keptCapabilities(List<String> added, Boolean hostUsers) {
        if (added == null || !Boolean.FALSE.equals(hostUsers)) {
            return List.of();
        }
        return added.stream().filter(c -> c.equals("SYS_ADMIN") || c.equals("CAP_SYS_ADMIN")).toList();
    }

    /**
     * A writable emptyDir that hardening mounts into a container whose root filesystem it made
     * read-only: the agent and the sandbox write to {@code /tmp}, the agent to its home.
     *
     * @param path where it is mounted
     * @param sizeLimit the emptyDir's size limit
     */
    public record WritableDir(String path, String sizeLimit) {
    }

    /** What every hardened container gets unless it already mounts something writable there. */
    public static final List<WritableDir> WRITABLE_DIRS = List.of(new WritableDir("/tmp", "1Gi"),
            new WritableDir("/home/jenkins", "256Mi"));

    /** The writable directories a container with these (writable) mount paths still lacks. */
    public static List<WritableDir> missingWritableDirs(java.util.Collection<String> writableMountPaths) {
        return WRITABLE_DIRS.stream().filter(d -> writableMountPaths.stream()
                .noneMatch(p -> p.replaceFirst("/+$", "").equals(d.path()))).toList();
    }

    /**
     * The name of the emptyDir volume for container number {@code index} at {@code dir}: one per
     * container, never shared, so the build's container and the agent's do not see each other's
     * /tmp; never one of the pod's {@code taken} volume names (a suffix is added), which the
     * API server would refuse as a duplicate.
     */
    public static String volumeName(int index, WritableDir dir, java.util.Set<String> taken) {
        String base = "hermetic-writable-" + (dir.path().equals("/tmp") ? "tmp" : "home") + "-" + index;
        String name = base;
        for (int n = 2; taken.contains(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    /** Whether a pod with these labels is one to harden. */
    public static boolean selects(Map<String, String> labels) {
        return labels != null && EGRESS_DENY.equals(labels.get(EGRESS_LABEL));
    }
}
