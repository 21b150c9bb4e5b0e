package dev.hermeticbuild.kubernetes;

/**
 * How the build container may create the runner's own sandbox (network, mount, pid and user
 * namespaces) inside a pod, where the runtime's default seccomp profile forbids it. The sandbox
 * also mounts a fresh /proc, which the kernel refuses while the runtime masks /proc paths; an
 * unmasked /proc ({@code procMount: Unmasked}) is only allowed with {@code hostUsers: false}.
 */
public enum SandboxVariant {
    /** No in-pod sandbox: the NetworkPolicy is the only egress barrier; the controller stays reachable from the build. */
    NETWORK_POLICY_ONLY("network-policy-only", false, false),
    /** Kubernetes user namespaces ({@code hostUsers: false}): SYS_ADMIN added, confined to the pod's user namespace. */
    USER_NAMESPACES("userns", true, false),
    /**
     * The Localhost seccomp profile alone, for clusters without user namespaces. /proc stays masked,
     * so a sandbox that mounts a fresh /proc cannot be made (measured by agent-image/test-image.sh).
     */
    SECCOMP_LOCALHOST("seccomp-localhost", false, true),
    /** User namespaces and the Localhost seccomp profile: no capability added at all. */
    USER_NAMESPACES_SECCOMP_LOCALHOST("userns+seccomp-localhost", true, true);

    private final String label;
    private final boolean userNamespace;
    private final boolean localhostSeccomp;

    SandboxVariant(String label, boolean userNamespace, boolean localhostSeccomp) {
        this.label = label;
        this.userNamespace = userNamespace;
        this.localhostSeccomp = localhostSeccomp;
    }

    /** The variant for the two opt-in switches ({@code --userns}, {@code --seccomp-localhost}). */
    public static SandboxVariant of(boolean userNamespace, boolean localhostSeccomp) {
        for (SandboxVariant v : values()) {
            if (v.userNamespace == userNamespace && v.localhostSeccomp == localhostSeccomp) {
                return v;
            }
        }
        throw new AssertionError();
    }

    /** The value written into the pod's annotation and the build container's environment. */
    public String label() {
        return label;
    }

    /** Whether the pod gets its own user namespace ({@code hostUsers: false}) and an unmasked /proc. */
    public boolean userNamespace() {
        return userNamespace;
    }

    /** Whether the build container runs under the Localhost seccomp profile. */
    public boolean localhostSeccomp() {
        return localhostSeccomp;
    }

    /** Whether SYS_ADMIN is added: only with a user namespace and without the Localhost profile (which allows the syscalls). */
    public boolean addsSysAdmin() {
        return userNamespace && !localhostSeccomp;
    }
}
