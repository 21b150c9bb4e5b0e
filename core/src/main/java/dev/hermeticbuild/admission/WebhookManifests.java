package dev.hermeticbuild.admission;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.kubernetes.ImageReference;
import dev.hermeticbuild.kubernetes.PodHardening;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

/**
 * The objects that deploy the webhook: its {@code ValidatingWebhookConfiguration} (failurePolicy
 * Fail, sideEffects None, v1 reviews only, the workload kinds, exempt namespaces and its own left
 * out by a namespaceSelector, the CA bundle), a hardened Deployment running {@code hermetic
 * admission serve} from the TLS secret and policy ConfigMap it mounts, and its Service.
 */
public final class WebhookManifests {

    /** Where the pod finds the policy ConfigMap's files. */
    public static final String POLICY_DIR = "/etc/hermetic/policy";
    /** Where the pod finds the TLS secret's files. */
    public static final String TLS_DIR = "/etc/hermetic/tls";
    /** The port the container listens on. */
    public static final int PORT = 8443;
    /** The uid the container runs as: the agent image's builder user. */
    public static final long UID = 10000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WebhookManifests() {
    }

    /**
     * What to generate.
     *
     * @param name           name of every object (the Secret is {@code NAME-tls}, the ConfigMap {@code NAME-policy})
     * @param namespace      namespace the webhook runs in (always exempt from its own checks)
     * @param image          the hermetic image, pinned by digest
     * @param caBundlePem    the CA certificate(s) that signed the webhook's serving certificate, PEM
     * @param timeoutSeconds how long the API server waits for a decision (1 to 30)
     * @param replicas       pods behind the Service
     */
    public record Options(String name, String namespace, ImageReference image, byte[] caBundlePem, int timeoutSeconds, int replicas) {

        public Options {
            if (!name.matches("[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?")) {
                throw new InputException("--name " + name + ": not a Kubernetes object name (lower-case letters, digits, -)");
            }
            if (!namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
                throw new InputException("--namespace " + namespace + ": not a namespace name (lower-case letters, digits, -)");
            }
            if (!image.pinned()) {
                throw new InputException("--image " + image + ": not pinned by digest; give REPO@sha256:... (the webhook's own"
                        + " pod is not checked by itself, so it must be pinned here)");
            }
            if (timeoutSeconds < 1 || timeoutSeconds > 30) {
                throw new InputException("--timeout " + timeoutSeconds + ": the API server accepts 1 to 30 seconds");
            }
            if (replicas < 1) {
                throw new InputException("--replicas " + replicas + ": at least 1");
            }
            checkCertificates(caBundlePem);
        }
    }

    private static void checkCertificates(byte[] pem) {
        try {
            if (CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).isEmpty()) {
                throw new InputException("--ca-bundle: no certificate in it");
            }
        } catch (CertificateException e) {
            throw new InputException("--ca-bundle: not PEM certificates: " + e.getMessage(), e);
        }
    }

    /** The webhook configuration, Deployment and Service, in the order to apply them. */
    public static List<ObjectNode> of(AdmissionPolicy policy, Options o) {
        return List.of(webhookConfiguration(policy, o), deployment(o), service(o));
    }

    static ObjectNode webhookConfiguration(AdmissionPolicy policy, Options o) {
        ObjectNode config = object("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", o.name(), null);
        ObjectNode hook = config.putArray("webhooks").addObject();
        hook.put("name", "images.hermetic-build.dev");
        hook.putArray("admissionReviewVersions").add("v1");
        hook.put("sideEffects", "None");
        hook.put("failurePolicy", "Fail");
        hook.put("matchPolicy", "Equivalent");
        hook.put("timeoutSeconds", o.timeoutSeconds());
        ObjectNode service = hook.putObject("clientConfig").putObject("service");
        service.put("name", o.name()).put("namespace", o.namespace()).put("path", "/validate").put("port", 443);
        ((ObjectNode) hook.get("clientConfig")).put("caBundle", Base64.getEncoder().encodeToString(o.caBundlePem()));
        TreeSet<String> exempt = new TreeSet<>(policy.exemptNamespaces());
        exempt.add(o.namespace());
        ArrayNode values = hook.putObject("namespaceSelector").putArray("matchExpressions").addObject()
                .put("key", "kubernetes.io/metadata.name").put("operator", "NotIn").putArray("values");
        exempt.forEach(values::add);
        ArrayNode rules = hook.putArray("rules");
        rule(rules, "", List.of("pods", "pods/ephemeralcontainers"));
        rule(rules, "apps", List.of("deployments", "statefulsets", "daemonsets", "replicasets"));
        rule(rules, "batch", List.of("jobs", "cronjobs"));
        return config;
    }

    private static void rule(ArrayNode rules, String group, List<String> resources) {
        ObjectNode r = rules.addObject();
        r.putArray("apiGroups").add(group);
        r.putArray("apiVersions").add("v1");
        r.putArray("operations").add("CREATE").add("UPDATE");
        ArrayNode res = r.putArray("resources");
        resources.forEach(res::add);
        r.put("scope", "Namespaced");
    }

    static ObjectNode deployment(Options o) {
        ObjectNode d = object("apps/v1", "Deployment", o.name(), o.namespace());
        ObjectNode spec = d.putObject("spec");
        spec.put("replicas", o.replicas());
        spec.putObject("selector").putObject("matchLabels").put("app.kubernetes.io/name", o.name());
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("app.kubernetes.io/name", o.name());
        ObjectNode pod = NODES.objectNode();
        pod.putObject("securityContext").put("runAsUser", UID).put("runAsGroup", UID);
        ObjectNode c = pod.putArray("containers").addObject();
        c.put("name", "webhook");
        c.put("image", o.image().text());
        ArrayNode args = c.putArray("args");
        List.of("admission", "serve", "--policy", POLICY_DIR + "/policy.yaml", "--tls-cert", TLS_DIR + "/tls.crt",
                "--tls-key", TLS_DIR + "/tls.key", "--listen", "0.0.0.0:" + PORT).forEach(args::add);
        c.putArray("ports").addObject().put("name", "https").put("containerPort", PORT).put("protocol", "TCP");
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            c.putObject(probe).putObject("httpGet").put("path", "/healthz").put("port", PORT).put("scheme", "HTTPS");
        }
        ObjectNode resources = c.putObject("resources");
        resources.putObject("requests").put("cpu", "100m").put("memory", "256Mi");
        resources.putObject("limits").put("memory", "512Mi");
        ArrayNode mounts = c.putArray("volumeMounts");
        mounts.addObject().put("name", "tls").put("mountPath", TLS_DIR).put("readOnly", true);
        mounts.addObject().put("name", "policy").put("mountPath", POLICY_DIR).put("readOnly", true);
        ArrayNode volumes = pod.putArray("volumes");
        volumes.addObject().put("name", "tls").putObject("secret").put("secretName", o.name() + "-tls");
        volumes.addObject().put("name", "policy").putObject("configMap").put("name", o.name() + "-policy");
        template.set("spec", PodHardening.hardenedSpec(pod));
        return d;
    }

    static ObjectNode service(Options o) {
        ObjectNode s = object("v1", "Service", o.name(), o.namespace());
        ObjectNode spec = s.putObject("spec");
        spec.putObject("selector").put("app.kubernetes.io/name", o.name());
        spec.putArray("ports").addObject().put("name", "https").put("port", 443).put("targetPort", "https").put("protocol", "TCP");
        return s;
    }

    private static ObjectNode object(String apiVersion, String kind, String name, String namespace) {
        ObjectNode o = NODES.objectNode();
        o.put("apiVersion", apiVersion);
        o.put("kind", kind);
        ObjectNode metadata = o.putObject("metadata");
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        metadata.putObject("labels").put("app.kubernetes.io/name", name).put("app.kubernetes.io/part-of", "hermetic-build");
        return o;
    }
}
