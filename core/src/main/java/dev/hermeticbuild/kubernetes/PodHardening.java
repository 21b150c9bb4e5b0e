package dev.hermeticbuild.kubernetes;

import java.util.List;
import java.util.Map;

/**
 * Which pods the CI adapter hardens and what it sets on them: every pod labelled
 * {@value #EGRESS_LABEL}={@value #EGRESS_DENY} (the label the deny-egress NetworkPolicy selects)
 * runs as non-root, without privilege escalation or capabilities, on a read-only root
 * filesystem, under seccomp RuntimeDefault, with no service-account token. Other pods are left alone.
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

    /** Whether a pod with these labels is one to harden. */
    public static boolean selects(Map<String, String> labels) {
        return labels != null && EGRESS_DENY.equals(labels.get(EGRESS_LABEL));
    }
}
