package dev.hermeticbuild.kubernetes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The locked-down agent pod for the Jenkins Kubernetes plugin's {@code podTemplate(yaml: ...)}:
 * an inbound agent container {@code jnlp} and a build container {@code hermetic}, both non-root
 * with a fixed uid, read-only root filesystems, no capabilities, seccomp, and no service-account
 * token; selected by {@link #EGRESS_LABEL} for the NetworkPolicy and the plugin's pod decorator.
 */
public final class HermeticPodTemplate {

    /** The label the NetworkPolicy and the Jenkins pod decorator select: its value {@link #EGRESS_LABEL_VALUE}. */
    public static final String EGRESS_LABEL = "hermetic-build.dev/egress";
    public static final String EGRESS_LABEL_VALUE = "deny";
    /** Annotation recording which in-pod sandbox variant the pod was generated for. */
    public static final String ISOLATION_ANNOTATION = "hermetic-build.dev/isolation";
    public static final String AGENT_CONTAINER = "jnlp";
    public static final String BUILD_CONTAINER = "hermetic";
    /** The fixed uid and gid of both containers (the agent image's {@code builder} user). */
    public static final long UID = 10000;
    /** Where the Localhost seccomp profile must be installed, relative to the kubelet's {@code /var/lib/kubelet/seccomp/}. */
    public static final String SECCOMP_PROFILE = "hermetic-build/hermetic-sandbox.json";
    /** The agent's working directory; the Kubernetes plugin mounts the workspace here in every container. */
    public static final String WORKSPACE = "/home/jenkins/agent";
    /** Environment variable naming the explicit opt-in to run without an in-pod sandbox (read by {@code hermetic build}). */
    public static final String OPT_IN_ENV = "HERMETIC_ISOLATION_OPT_IN";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private HermeticPodTemplate() {
    }

    /** The pod for {@code options}, as a Kubernetes object tree ready to be written as YAML. */
    public static ObjectNode pod(PodTemplateOptions options) {
        ObjectNode pod = JSON.objectNode();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        ObjectNode metadata = pod.putObject("metadata");
        metadata.putObject("labels")
                .put("app.kubernetes.io/name", "hermetic-agent")
                .put(EGRESS_LABEL, EGRESS_LABEL_VALUE);
        metadata.putObject("annotations")
                .put(ISOLATION_ANNOTATION, options.sandbox().label())
                .put("hermetic-build.dev/tier", options.tier().cliName());

        ObjectNode spec = pod.putObject("spec");
        spec.put("automountServiceAccountToken", false);
        // Service links put every service's address into the environment: information for an attacker, noise for a build.
        spec.put("enableServiceLinks", false);
        if (options.sandbox().userNamespace()) {
            spec.put("hostUsers", false);
        }
        spec.put("restartPolicy", "Never");
        ObjectNode podSecurity = spec.putObject("securityContext");
        podSecurity.put("runAsNonRoot", true);
        podSecurity.put("runAsUser", UID);
        podSecurity.put("runAsGroup", UID);
        podSecurity.put("fsGroup", UID);
        podSecurity.putObject("seccompProfile").put("type", "RuntimeDefault");

        ArrayNode containers = spec.putArray("containers");
        containers.add(agentContainer(options));
        containers.add(buildContainer(options));

        ArrayNode volumes = spec.putArray("volumes");
        volumes.add(emptyDir("workspace-volume", options.resources().workspaceSize()));
        volumes.add(emptyDir("agent-home", "256Mi"));
        volumes.add(emptyDir("agent-tmp", "1Gi"));
        volumes.add(emptyDir("build-tmp", options.resources().tmpSize()));
        return pod;
    }

    private static ObjectNode agentContainer(PodTemplateOptions options) {
        ObjectNode c = JSON.objectNode();
        c.put("name", AGENT_CONTAINER);
        options.agentImage().ifPresent(image -> c.put("image", image.text()));
        c.put("imagePullPolicy", "IfNotPresent");
        PodResources r = options.resources();
        c.set("resources", resources(r.agentCpuRequest(), r.agentMemoryRequest(), r.agentCpuLimit(), r.agentMemoryLimit()));
        c.set("securityContext", restrictedContext());
        ArrayNode mounts = c.putArray("volumeMounts");
        mounts.add(mount("agent-home", "/home/jenkins"));
        mounts.add(mount("workspace-volume", WORKSPACE));
        mounts.add(mount("agent-tmp", "/tmp"));
        return c;
    }

    private static ObjectNode buildContainer(PodTemplateOptions options) {
        ObjectNode c = JSON.objectNode();
        c.put("name", BUILD_CONTAINER);
        c.put("image", options.buildImage().text());
        c.put("imagePullPolicy", "IfNotPresent");
        // The Kubernetes plugin runs steps with exec in this container: keep it alive and idle.
        c.putArray("command").add("sleep");
        c.putArray("args").add("infinity");
        c.put("workingDir", WORKSPACE);
        ArrayNode env = c.putArray("env");
        env.addObject().put("name", "HOME").put("value", "/tmp");
        env.addObject().put("name", "HERMETIC_POD_ISOLATION").put("value", options.sandbox().label());
        if (options.buildImage().pinned()) {
            // The downward API cannot expose an image digest; the digest the kubelet pulled is the one written here.
            env.addObject().put("name", "HERMETIC_IMAGE_DIGEST").put("value", options.buildImage().text());
        }
        if (options.allowNetworkPolicyOnly()) {
            env.addObject().put("name", OPT_IN_ENV).put("value", "network-policy-only");
        }
        PodResources r = options.resources();
        c.set("resources", resources(r.buildCpuRequest(), r.buildMemoryRequest(), r.buildCpuLimit(), r.buildMemoryLimit()));
        ObjectNode security = restrictedContext();
        SandboxVariant variant = options.sandbox();
        if (variant.addsSysAdmin()) {
            // Confined to the pod's user namespace by hostUsers: false. For the non-root uid it only widens the
            // bounding set, which is what RuntimeDefault seccomp checks before allowing unshare/clone of namespaces.
            ((ObjectNode) security.get("capabilities")).putArray("add").add("SYS_ADMIN");
        }
        if (variant.userNamespace()) {
            // The sandbox mounts a fresh /proc for its pid namespace; the kernel refuses that while the runtime's
            // masked /proc paths are over-mounted. Kubernetes allows Unmasked only with hostUsers: false.
            security.put("procMount", "Unmasked");
        }
        if (variant.localhostSeccomp()) {
            security.putObject("seccompProfile").put("type", "Localhost").put("localhostProfile", SECCOMP_PROFILE);
        }
        c.set("securityContext", security);
        ArrayNode mounts = c.putArray("volumeMounts");
        mounts.add(mount("workspace-volume", WORKSPACE));
        mounts.add(mount("build-tmp", "/tmp"));
        return c;
    }

    private static ObjectNode restrictedContext() {
        ObjectNode s = JSON.objectNode();
        s.put("allowPrivilegeEscalation", false);
        s.put("privileged", false);
        s.put("readOnlyRootFilesystem", true);
        s.put("runAsNonRoot", true);
        s.put("runAsUser", UID);
        s.put("runAsGroup", UID);
        s.putObject("capabilities").putArray("drop").add("ALL");
        s.putObject("seccompProfile").put("type", "RuntimeDefault");
        return s;
    }

    private static ObjectNode resources(String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
        ObjectNode r = JSON.objectNode();
        r.putObject("requests").put("cpu", cpuRequest).put("memory", memoryRequest);
        r.putObject("limits").put("cpu", cpuLimit).put("memory", memoryLimit);
        return r;
    }

    private static ObjectNode emptyDir(String name, String sizeLimit) {
        ObjectNode v = JSON.objectNode();
        v.put("name", name);
        v.putObject("emptyDir").put("sizeLimit", sizeLimit);
        return v;
    }

    private static ObjectNode mount(String name, String path) {
        return JSON.objectNode().put("name", name).put("mountPath", path);
    }
}
