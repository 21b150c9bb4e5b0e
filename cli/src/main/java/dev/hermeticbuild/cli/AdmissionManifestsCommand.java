package dev.hermeticbuild.cli;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.admission.AdmissionPolicy;
import dev.hermeticbuild.admission.AdmissionPolicyFile;
import dev.hermeticbuild.admission.WebhookManifests;
import dev.hermeticbuild.kubernetes.ImageReference;
import dev.hermeticbuild.kubernetes.KubernetesYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hermetic admission manifests}: prints the webhook's configuration, NetworkPolicy, Deployment and Service as YAML. */
@Command(name = "manifests", description = "Print the ValidatingWebhookConfiguration (failurePolicy Fail), the NetworkPolicy of its"
        + " pods (in: TCP 8443; out: DNS and the registry ports), a hardened Deployment and the Service of the webhook as YAML."
        + " The Deployment mounts the TLS secret NAME-tls and the ConfigMap NAME-policy.")
final class AdmissionManifestsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--policy", required = true, paramLabel = "FILE", description = "The admission policy; its exempt namespaces are left out of the webhook.")
    Path policy;

    @Option(names = "--ca-bundle", required = true, paramLabel = "FILE", description = "PEM certificate(s) of the CA that signed the webhook's serving certificate.")
    Path caBundle;

    @Option(names = "--image", required = true, paramLabel = "REPO@sha256:HEX", description = "The hermetic image the webhook runs, pinned by digest.")
    String image;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of the objects (default hermetic-admission).")
    String name = "hermetic-admission";

    @Option(names = "--namespace", paramLabel = "NAMESPACE", description = "Namespace the webhook runs in, never checked by itself (default hermetic-system).")
    String namespace = "hermetic-system";

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long the API server waits for a decision, 1 to 30 (default 10).")
    int timeoutSeconds = 10;

    @Option(names = "--replicas", paramLabel = "N", description = "Webhook pods (default 2: with failurePolicy Fail, one pod down must not block deploys).")
    int replicas = 2;

    @Option(names = "--registry-port", paramLabel = "PORT", description = "Also let the webhook reach registries on this TCP port"
            + " (443 is always allowed), e.g. 5000; for a registry in the cluster, its pod's port.")
    List<Integer> registryPorts = new ArrayList<>();

    @Option(names = "--registry-auth-secret", paramLabel = "NAME", description = "Image pull secret (kubernetes.io/dockerconfigjson)"
            + " in the webhook's namespace whose logins it uses: mounted read-only at " + WebhookManifests.REGISTRY_AUTH_DIR
            + " and passed as --registry-auth.")
    String registryAuthSecret;

    @Option(names = "--client-ca-configmap", paramLabel = "NAME", description = "ConfigMap in the webhook's namespace whose ca.crt"
            + " holds the CA of the API server's client certificate: mounted at " + WebhookManifests.CLIENT_CA_DIR
            + " and passed as --client-ca, so the webhook decides reviews from that client only (docs/how-to/admission.md).")
    String clientCaConfigMap;

    @Option(names = "--client-name", paramLabel = "NAME", description = "With --client-ca-configmap: passed on as --client-name"
            + " (the client certificate's CN or DNS name).")
    List<String> clientNames = new ArrayList<>();

    @Override
    public Integer call() {
        if (clientCaConfigMap == null && !clientNames.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--client-name needs --client-ca-configmap: the"
                    + " names are checked in the certificates that CA issued");
        }
        AdmissionPolicy read = AdmissionPolicyFile.read(policy, Clock.systemUTC());
        byte[] ca;
        try {
            ca = Files.readAllBytes(caBundle);
        } catch (IOException e) {
            throw new InputException("--ca-bundle " + caBundle + ": cannot read: " + e.getMessage(), e);
        }
        WebhookManifests.Options options = new WebhookManifests.Options(name, namespace, ImageReference.parse(image, "--image"), ca,
                timeoutSeconds, replicas, registryPorts, Optional.ofNullable(registryAuthSecret),
                Optional.ofNullable(clientCaConfigMap).map(m -> new WebhookManifests.ClientCertificates(m, clientNames)));
        spec.commandLine().getOut().print(KubernetesYaml.toYaml(WebhookManifests.of(read, options)));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
