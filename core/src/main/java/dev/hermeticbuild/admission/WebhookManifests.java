package dev.hermeticbuild.admission;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import dev.hermeticbuild.kubernetes.ImageReference;
import dev.hermeticbuild.kubernetes.PodHardening;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The objects that deploy the webhook: its {@code ValidatingWebhookConfiguration} (failurePolicy
 * Fail, sideEffects None, v1 reviews only, the workload kinds, exempt namespaces and its own left
 * out by a namespaceSelector, the CA bundle), when a rule pins tags the matching
 * {@code MutatingWebhookConfiguration}, the NetworkPolicy of its pods (in: the webhook port
 * only; out: DNS and the registries' ports only), a hardened Deployment running {@code hermetic
 * admission serve} from the TLS secret, policy ConfigMap, optional registry pull secret and
 * optional client CA ConfigMap it mounts, with the JVM's heap fitted to the container's memory,
 * and its Service.
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
    /** Where the pod finds the registry pull secret's {@code .dockerconfigjson}, when one is given. */
    public static final String REGISTRY_AUTH_DIR = "/etc/hermetic/registry-auth";
    /** Where the pod finds the client CA ConfigMap's {@code ca.crt}, when one is given. */
    public static final String CLIENT_CA_DIR = "/etc/hermetic/client-ca";
    /** The TCP port registries are always reachable on (https). */
    public static final int HTTPS_PORT = 443;
    /** The container's memory request and limit. */
    public static final String MEMORY = "512Mi";
    /**
     * The JVM options of the container, set as {@code HERMETIC_JAVA_OPTS}: the agent image's
     * launcher ({@code agent-image/hermetic}) passes that variable to java instead of its defaults,
     * so they are repeated (but for its raised JIT thresholds, which suit short commands, not a
     * server), then the heap is fitted to the container's memory limit. Not
     * {@code JAVA_TOOL_OPTIONS}: the JVM announces that one on standard error, the audit stream.
     */
    public static final String JAVA_OPTIONS = "-XX:+UseSerialGC -Xshare:auto -XX:MaxRAMPercentage=62.5";

    /** A Secret's name: a DNS-1123 subdomain (lower-case letters, digits, - and ., at most 253 characters). */
    private static final String SECRET_NAME = "(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

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
     * @param registryPorts  the TCP ports the pods may reach registries on; {@value #HTTPS_PORT} is always among them
     *                       (kept sorted, once each)
     * @param registryAuthSecret the image pull secret ({@code kubernetes.io/dockerconfigjson}) whose logins the webhook
     *                       uses, mounted at {@value #REGISTRY_AUTH_DIR}; empty: registries are read anonymously
     * @param clientCertificates who may send reviews, passed as {@code --client-ca} (from a ConfigMap) and
     *                       {@code --client-name}; empty: anyone who reaches the webhook's port
     */
    public record Options(String name, String namespace, ImageReference image, byte[] caBundlePem, int timeoutSeconds, int replicas,
                          List<Integer> registryPorts, Optional<String> registryAuthSecret, Optional<ClientCertificates> clientCertificates) {

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
            TreeSet<Integer> ports = new TreeSet<>(List.of(HTTPS_PORT));
            for (int port : registryPorts) {
                if (port < 1 || port > 65535) {
                    throw new InputException("--registry-port " + port + ": not a TCP port (1 to 65535)");
                }
                ports.add(port);
            }
            registryPorts = List.copyOf(ports);
            registryAuthSecret.ifPresent(secret -> {
                if (!secret.matches(SECRET_NAME)) {
                    throw new InputException("--registry-auth-secret '" + Printable.escape(secret) + "': not a Kubernetes object"
                            + " name (lower-case letters, digits, - and ., starting and ending with a letter or digit, at most 253)");
                }
            });
        }

        /** Registries on port {@value #HTTPS_PORT} only, read anonymously; no client certificates asked for. */
        public Options(String name, String namespace, ImageReference image, byte[] caBundlePem, int timeoutSeconds, int replicas) {
            this(name, namespace, image, caBundlePem, timeoutSeconds, replicas, List.of(), Optional.empty(), Optional.empty());
        }
    }

    /**
     * The client certificates the webhook accepts reviews from.
     *
     * @param configMap the ConfigMap (in the webhook's namespace) whose {@code ca.crt} holds the CA certificate(s) of
     *                  the API server's client certificate, mounted at {@value #CLIENT_CA_DIR}
     * @param names     the names one of which that certificate must carry; empty: any certificate of the CA
     */
    public record ClientCertificates(String configMap, List<String> names) {

        public ClientCertificates {
            if (!configMap.matches(SECRET_NAME)) {
                throw new InputException("--client-ca-configmap '" + Printable.escape(configMap) + "': not a Kubernetes object"
                        + " name (lower-case letters, digits, - and ., starting and ending with a letter or digit, at most 253)");
            }
            names = ClientAuthentication.checkNames(names);
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

    /**
     * The webhook configuration, NetworkPolicy, Deployment and Service, in the order to apply them
     * ({@code kubectl apply -f} goes in file order). None needs another to exist first: the
     * webhook's namespace is exempt from it, so the configuration never blocks its own Deployment.
     * The NetworkPolicy comes before the Deployment so that no webhook pod runs unrestricted.
     */
    public static List<ObjectNode> of(AdmissionPolicy policy, Options o) {
        List<ObjectNode> objects = new java.util.ArrayList<>();
        objects.add(webhookConfiguration(policy, o));
        if (policy.resolvesTags()) {
            objects.add(tagPinningConfiguration(policy, o));
        }
        objects.addAll(List.of(networkPolicy(o), deployment(o), service(o)));
        return List.copyOf(objects);
    }

    static ObjectNode webhookConfiguration(AdmissionPolicy policy, Options o) {
        return hookConfiguration(policy, o, "ValidatingWebhookConfiguration", "images.hermetic-build.dev", "/validate");
    }

    /**
     * The mutating webhook that pins tags for rules with {@code resolveTags}, on the same server
     * ({@code /mutate}), for the same objects and namespaces. Kubernetes runs it before the validating
     * one, and again if a later mutating webhook changes the object ({@code reinvocationPolicy: IfNeeded}),
     * so what is validated is what runs.
     */
    static ObjectNode tagPinningConfiguration(AdmissionPolicy policy, Options o) {
        ObjectNode config = hookConfiguration(policy, o, "MutatingWebhookConfiguration", "tags.hermetic-build.dev", "/mutate");
        ((ObjectNode) config.path("webhooks").get(0)).put("reinvocationPolicy", "IfNeeded");
        return config;
    }

    private static ObjectNode hookConfiguration(AdmissionPolicy policy, Options o, String kind, String hookName, String path) {
        ObjectNode config = object("admissionregistration.k8s.io/v1", kind, o.name(), null);
        ObjectNode hook = config.putArray("webhooks").addObject();
        hook.put("name", hookName);
        hook.putArray("admissionReviewVersions").add("v1");
        hook.put("sideEffects", "None");
        hook.put("failurePolicy", "Fail");
        hook.put("matchPolicy", "Equivalent");
        hook.put("timeoutSeconds", o.timeoutSeconds());
        ObjectNode service = hook.putObject("clientConfig").putObject("service");
        service.put("name", o.name()).put("namespace", o.namespace()).put("path", path).put("port", 443);
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

    /**
     * In: TCP {@value #PORT} from anywhere (the API server calls from outside the pod network, at an
     * address no selector can name; the kubelet's probes and metrics scrapes use it too). Out: DNS
     * (UDP and TCP 53) and the registry ports, to any address (registries are anywhere; with TCP 443
     * open everywhere, confining DNS to kube-dns would close nothing and break NodeLocal DNS).
     */
    static ObjectNode networkPolicy(Options o) {
        ObjectNode p = object("networking.k8s.io/v1", "NetworkPolicy", o.name(), o.namespace());
        ObjectNode spec = p.putObject("spec");
        spec.putObject("podSelector").putObject("matchLabels").put("app.kubernetes.io/name", o.name());
        spec.putArray("policyTypes").add("Ingress").add("Egress");
        spec.putArray("ingress").addObject().putArray("ports").addObject().put("protocol", "TCP").put("port", PORT);
        ArrayNode egress = spec.putArray("egress");
        ArrayNode dns = egress.addObject().putArray("ports");
        dns.addObject().put("protocol", "UDP").put("port", 53);
        dns.addObject().put("protocol", "TCP").put("port", 53);
        ArrayNode registries = egress.addObject().putArray("ports");
        o.registryPorts().forEach(port -> registries.addObject().put("protocol", "TCP").put("port", port));
        return p;
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
        o.registryAuthSecret().ifPresent(secret -> args.add("--registry-auth").add(REGISTRY_AUTH_DIR + "/.dockerconfigjson"));
        o.clientCertificates().ifPresent(clients -> {
            args.add("--client-ca").add(CLIENT_CA_DIR + "/ca.crt");
            clients.names().forEach(n -> args.add("--client-name").add(n));
        });
        c.putArray("env").addObject().put("name", "HERMETIC_JAVA_OPTS").put("value", JAVA_OPTIONS);
        c.putArray("ports").addObject().put("name", "https").put("containerPort", PORT).put("protocol", "TCP");
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            c.putObject(probe).putObject("httpGet").put("path", "/healthz").put("port", PORT).put("scheme", "HTTPS");
        }
        ObjectNode resources = c.putObject("resources");
        resources.putObject("requests").put("cpu", "100m").put("memory", MEMORY);
        resources.putObject("limits").put("memory", MEMORY);
        ArrayNode mounts = c.putArray("volumeMounts");
        mounts.addObject().put("name", "tls").put("mountPath", TLS_DIR).put("readOnly", true);
        mounts.addObject().put("name", "policy").put("mountPath", POLICY_DIR).put("readOnly", true);
        ArrayNode volumes = pod.putArray("volumes");
        volumes.addObject().put("name", "tls").putObject("secret").put("secretName", o.name() + "-tls");
        volumes.addObject().put("name", "policy").putObject("configMap").put("name", o.name() + "-policy");
        o.registryAuthSecret().ifPresent(secret -> {
            mounts.addObject().put("name", "registry-auth").put("mountPath", REGISTRY_AUTH_DIR).put("readOnly", true);
            // only the key of a dockerconfigjson secret: a secret of another type leaves the pod pending, with the reason
            volumes.addObject().put("name", "registry-auth").putObject("secret").put("secretName", secret)
                    .putArray("items").addObject().put("key", ".dockerconfigjson").put("path", ".dockerconfigjson");
        });
        o.clientCertificates().ifPresent(clients -> {
            mounts.addObject().put("name", "client-ca").put("mountPath", CLIENT_CA_DIR).put("readOnly", true);
            volumes.addObject().put("name", "client-ca").putObject("configMap").put("name", clients.configMap())
                    .putArray("items").addObject().put("key", "ca.crt").put("path", "ca.crt");
        });
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
