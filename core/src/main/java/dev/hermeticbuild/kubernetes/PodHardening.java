package dev.hermeticbuild.kubernetes;

import java.util.List;
import java.util.Map;

/**
 * Which pods the CI adapter hardens and what it sets on them: every pod labelled
 * {@value #EGRESS_LABEL}={@value #EGRESS_DENY} (the label the deny-egress NetworkPolicy selects)
 * runs as non-root, without privilege escalation or capabilities, on a read-only root
 * filesystem, under seccomp RuntimeDefault, with no service-account token. Other pods are left alone.
 */
public final class PodHardening {

    /** The label the NetworkPolicy and the pod decorator select. */
    public static final String EGRESS_LABEL = "hermetic-build.dev/egress";
    /** Its value for pods whose egress is denied. */
    public static final String EGRESS_DENY = "deny";
    /** Capabilities dropped from every container. */
    public static final List<String> DROP_CAPABILITIES = List.of("ALL");
    /** The seccomp profile type set on the pod and its containers. */
    public static final String SECCOMP = "RuntimeDefault";

    private PodHardening() {
    }

    /** Whether a pod with these labels is one to harden. */
    public static boolean selects(Map<String, String> labels) {
        return labels != null && EGRESS_DENY.equals(labels.get(EGRESS_LABEL));
    }
}
