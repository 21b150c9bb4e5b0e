package dev.hermeticbuild.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The admission-style checks of one pod spec: privilege, host namespaces and paths, capabilities,
 * user, root filesystem (read-only, with a writable /tmp), seccomp, image pinning and the
 * service-account token. SYS_ADMIN and an
 * unmasked /proc are accepted only with {@code hostUsers: false}, where they stay inside the pod's
 * user namespace.
 */
final class PodSecurityRules {

    private static final String[] CONTAINER_LISTS = {"initContainers", "containers", "ephemeralContainers"};

    private final Workload workload;
    private final String resource;
    private final List<Finding> findings = new ArrayList<>();

    private PodSecurityRules(Workload workload) {
        this.workload = workload;
        this.resource = workload.manifest().label();
    }

    /** Every weakness of {@code workload}'s pod spec, in document order. */
    static List<Finding> check(Workload workload) {
        PodSecurityRules rules = new PodSecurityRules(workload);
        rules.pod();
        return rules.findings;
    }

    private void pod() {
        JsonNode spec = workload.podSpec();
        String at = workload.specPath();
        for (String field : new String[] {"hostNetwork", "hostPID", "hostIPC"}) {
            if (spec.path(field).asBoolean(false)) {
                add(at + "." + field, "host-namespace", field + ": true shares the node's "
                        + field.substring(4).toLowerCase(Locale.ROOT) + " namespace with the pod");
            }
        }
        if (!spec.path("automountServiceAccountToken").isBoolean() || spec.path("automountServiceAccountToken").asBoolean()) {
            add(at + ".automountServiceAccountToken", "service-account-token",
                    "a service-account token is mounted (automountServiceAccountToken is not false): the build could call the Kubernetes API");
        }
        JsonNode volumes = spec.path("volumes");
        for (int i = 0; i < volumes.size(); i++) {
            JsonNode v = volumes.get(i);
            String vAt = at + ".volumes[" + i + "]";
            if (v.has("hostPath")) {
                add(vAt + ".hostPath", "host-path", "hostPath volume '" + v.path("name").asText() + "' mounts the node's "
                        + v.path("hostPath").path("path").asText("?") + " into the pod");
            }
            JsonNode sources = v.path("projected").path("sources");
            for (int j = 0; j < sources.size(); j++) {
                if (sources.get(j).has("serviceAccountToken")) {
                    add(vAt + ".projected.sources[" + j + "].serviceAccountToken", "service-account-token",
                            "projected volume '" + v.path("name").asText() + "' mounts a service-account token");
                }
            }
        }
        JsonNode podSecurity = spec.path("securityContext");
        if (podSecurity.path("runAsUser").isNumber() && podSecurity.path("runAsUser").asLong() == 0) {
            add(at + ".securityContext.runAsUser", "run-as-root", "the pod runs as uid 0 (root)");
        }
        for (String list : CONTAINER_LISTS) {
            JsonNode containers = spec.path(list);
            for (int i = 0; i < containers.size(); i++) {
                container(containers.get(i), at + "." + list + "[" + i + "]");
            }
        }
    }

    private void container(JsonNode c, String at) {
        JsonNode pod = workload.podSpec();
        JsonNode podSecurity = pod.path("securityContext");
        JsonNode security = c.path("securityContext");
        String sAt = at + ".securityContext";
        String name = "container '" + c.path("name").asText("?") + "'";
        boolean userNamespace = pod.path("hostUsers").isBoolean() && !pod.path("hostUsers").asBoolean();

        JsonNode image = c.path("image");
        if (!image.isTextual()) {
            add(at + ".image", "unpinned-image", name + " has no image: the Kubernetes plugin fills in its default, a tag");
        } else if (!ImageReference.parse(image.asText(), workload.manifest().source() + " " + at + ".image").pinned()) {
            add(at + ".image", "unpinned-image", name + " image " + image.asText()
                    + " is not pinned by digest (@sha256:...): the tag can point to other content tomorrow");
        }
        if (security.path("privileged").asBoolean(false)) {
            add(sAt + ".privileged", "privileged", name + " is privileged: all devices and capabilities of the node");
        }
        if (!security.path("allowPrivilegeEscalation").isBoolean() || security.path("allowPrivilegeEscalation").asBoolean()) {
            add(sAt + ".allowPrivilegeEscalation", "privilege-escalation",
                    name + " may gain privileges (setuid binaries, file capabilities): allowPrivilegeEscalation is not false");
        }
        JsonNode add = security.path("capabilities").path("add");
        for (int j = 0; j < add.size(); j++) {
            String cap = add.get(j).asText().toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
            if (cap.equals("SYS_ADMIN") && userNamespace) {
                continue; // confined to the pod's own user namespace
            }
            add(sAt + ".capabilities.add[" + j + "]", "capability-added", name + " adds capability " + add.get(j).asText()
                    + (cap.equals("SYS_ADMIN") ? " without hostUsers: false, i.e. over the node's own user namespace" : ""));
        }
        boolean dropsAll = false;
        for (JsonNode d : security.path("capabilities").path("drop")) {
            dropsAll |= d.asText().equalsIgnoreCase("ALL");
        }
        if (!dropsAll) {
            add(sAt + ".capabilities.drop", "capabilities-not-dropped", name + " keeps the runtime's default capabilities: drop ALL");
        }
        boolean nonRoot = security.path("runAsNonRoot").isBoolean()
                ? security.path("runAsNonRoot").asBoolean() : podSecurity.path("runAsNonRoot").asBoolean(false);
        JsonNode uid = security.has("runAsUser") ? security.path("runAsUser") : podSecurity.path("runAsUser");
        if (security.path("runAsUser").isNumber() && security.path("runAsUser").asLong() == 0) {
            add(sAt + ".runAsUser", "run-as-root", name + " runs as uid 0 (root)");
        } else if (!nonRoot && !(uid.isNumber() && uid.asLong() > 0)) {
            add(sAt + ".runAsNonRoot", "run-as-root", name + " may run as root: neither runAsNonRoot: true nor a non-zero runAsUser"
                    + " (here or in the pod's securityContext)");
        }
        if (!security.path("readOnlyRootFilesystem").asBoolean(false)) {
            add(sAt + ".readOnlyRootFilesystem", "writable-root-filesystem",
                    name + " has a writable root filesystem: readOnlyRootFilesystem is not true");
        } else if (!mountsAt(c, "/tmp")) {
            add(at + ".volumeMounts", "no-writable-tmp", name + " has a read-only root filesystem and nothing mounted at /tmp:"
                    + " the agent and the sandbox need a writable /tmp (mount an emptyDir there)");
        }
        if (security.path("procMount").asText("Default").equals("Unmasked") && !userNamespace) {
            add(sAt + ".procMount", "unmasked-proc", name + " sees the node's unmasked /proc: allowed only with hostUsers: false");
        }
        JsonNode seccomp = security.path("seccompProfile").isObject() ? security.path("seccompProfile") : podSecurity.path("seccompProfile");
        String seccompAt = security.path("seccompProfile").isObject() ? sAt + ".seccompProfile" : workload.specPath() + ".securityContext.seccompProfile";
        String type = seccomp.path("type").asText("");
        if (!type.equals("RuntimeDefault") && !type.equals("Localhost")) {
            add(type.isEmpty() ? sAt + ".seccompProfile" : seccompAt + ".type", "seccomp", name + " runs "
                    + (type.isEmpty() ? "without a seccomp profile (Unconfined unless the kubelet defaults it)" : "with seccomp " + type)
                    + ": use RuntimeDefault or a Localhost profile");
        }
    }

    private static boolean mountsAt(JsonNode container, String path) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (path.equals(m.path("mountPath").asText().replaceFirst("/+$", "")) && !m.path("readOnly").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    private void add(String path, String rule, String message) {
        findings.add(new Finding(resource, path, rule, message));
    }
}
