package dev.hermeticbuild.kubernetes;

/**
 * How the build container may create the runner's own sandbox (network, mount, pid and user
 * namespaces) inside a pod, where the runtime's default seccomp profile forbids it.
 */
public enum SandboxVariant {
    /** No in-pod sandbox: the NetworkPolicy is the only egress barrier; the controller stays reachable from the build. */
    NETWORK_POLICY_ONLY("network-policy-only"),
    /** Kubernetes user namespaces ({@code hostUsers: false}): SYS_ADMIN added, confined to the pod's user namespace. */
    USER_NAMESPACES("userns"),
    /** A Localhost seccomp profile installed on the nodes that adds namespace creation to RuntimeDefault. */
    SECCOMP_LOCALHOST("seccomp-localhost");

    private final String label;

    SandboxVariant(String label) {
        this.label = label;
    }

    /** The value written into the pod's annotation and the build container's environment. */
    public String label() {
        return label;
    }
}
