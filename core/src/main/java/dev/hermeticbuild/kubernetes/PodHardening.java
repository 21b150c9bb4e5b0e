package dev.hermeticbuild.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which pods the CI adapter hardens and the hardening itself, applied to the pod as data
 * ({@link #hardened}): every pod labelled
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

    /**
     * {@code pod} (a Pod object, as the Kubernetes API writes it) hardened, as a new object; empty
     * when the pod is not one to harden ({@link #selects}). Its pod securityContext and every
     * container and init container get the settings above; each container without a writable
     * {@code /tmp} or agent home gets an emptyDir of its own there.
     */
    public static Optional<ObjectNode> hardened(JsonNode pod) {
        if (!pod.isObject() || !selects(pod.path("metadata").path("labels"))) {
            return Optional.empty();
        }
        ObjectNode copy = ((ObjectNode) pod).deepCopy();
        hardenSpec(object(copy, "spec"));
        return Optional.of(copy);
    }

    /**
     * {@code podSpec} (a pod spec or a workload's pod template spec) with the same hardening as
     * {@link #hardened}, as a new object, whatever the pod's labels: for pods this project deploys
     * itself (the admission webhook), which are not build agents.
     */
    public static ObjectNode hardenedSpec(JsonNode podSpec) {
        if (!podSpec.isObject()) {
            throw new IllegalArgumentException("a pod spec must be an object");
        }
        ObjectNode spec = ((ObjectNode) podSpec).deepCopy();
        hardenSpec(spec);
        return spec;
    }

    private static void hardenSpec(ObjectNode spec) {
        spec.put("automountServiceAccountToken", false);
        ObjectNode podSecurity = object(spec, "securityContext");
        podSecurity.put("runAsNonRoot", true);
        podSecurity.set("seccompProfile", seccomp(podSecurity.path("seccompProfile")));
        boolean userNamespace = spec.path("hostUsers").isBoolean() && !spec.path("hostUsers").asBoolean();
        List<ObjectNode> containers = new ArrayList<>();
        for (String list : List.of("containers", "initContainers")) {
            spec.path(list).forEach(c -> {
                if (c.isObject()) {
                    containers.add((ObjectNode) c);
                }
            });
        }
        ArrayNode volumes = array(spec, "volumes");
        for (int i = 0; i < containers.size(); i++) {
            harden(containers.get(i), userNamespace);
            addWritableDirs(i, containers.get(i), volumes);
        }
    }

    private static void harden(ObjectNode container, boolean userNamespace) {
        ObjectNode security = object(container, "securityContext");
        security.put("runAsNonRoot", true);
        security.put("allowPrivilegeEscalation", false);
        security.put("privileged", false);
        security.put("readOnlyRootFilesystem", true);
        List<String> kept = new ArrayList<>();
        if (userNamespace) {
            security.path("capabilities").path("add").forEach(c -> {
                if (c.asText().equals("SYS_ADMIN") || c.asText().equals("CAP_SYS_ADMIN")) {
                    kept.add(c.asText());
                }
            });
        }
        ObjectNode capabilities = security.putObject("capabilities");
        ArrayNode drop = capabilities.putArray("drop");
        DROP_CAPABILITIES.forEach(drop::add);
        ArrayNode add = capabilities.putArray("add");
        kept.forEach(add::add);
        security.set("seccompProfile", seccomp(security.path("seccompProfile")));
    }

    /** RuntimeDefault, unless the pod deliberately runs a Localhost profile (which stays, with its file). */
    private static JsonNode seccomp(JsonNode existing) {
        if (existing.path("type").asText("").equals("Localhost")) {
            return existing;
        }
        return JsonNodeFactory.instance.objectNode().put("type", SECCOMP);
    }

    private static void addWritableDirs(int index, ObjectNode container, ArrayNode volumes) {
        ArrayNode mounts = array(container, "volumeMounts");
        List<String> writable = new ArrayList<>();
        mounts.forEach(m -> {
            if (!m.path("readOnly").asBoolean(false)) {
                writable.add(m.path("mountPath").asText());
            }
        });
        for (WritableDir dir : missingWritableDirs(writable)) {
            Set<String> taken = new HashSet<>();
            volumes.forEach(v -> taken.add(v.path("name").asText()));
            String name = volumeName(index, dir, taken);
            volumes.addObject().put("name", name).putObject("emptyDir").put("sizeLimit", dir.sizeLimit());
            mounts.addObject().put("name", name).put("mountPath", dir.path());
        }
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        return parent.path(field).isObject() ? (ObjectNode) parent.get(field) : parent.putObject(field);
    }

    private static ArrayNode array(ObjectNode parent, String field) {
        return parent.path(field).isArray() ? (ArrayNode) parent.get(field) : parent.putArray(field);
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

    private static boolean selects(JsonNode labels) {
        return labels.path(EGRESS_LABEL).isTextual() && EGRESS_DENY.equals(labels.path(EGRESS_LABEL).asText());
    }
}
