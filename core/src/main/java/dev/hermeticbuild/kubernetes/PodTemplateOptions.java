package dev.hermeticbuild.kubernetes;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.build.Tier;
import java.util.Objects;
import java.util.Optional;

/**
 * What the pod template and its NetworkPolicy are generated from. The constructor refuses
 * combinations that would not hold up: an image without a digest for the release tier, a
 * controller the NetworkPolicy cannot express, a release pod with no in-pod sandbox and no
 * explicit opt-in.
 *
 * @param buildImage the {@code hermetic} build container's image
 * @param agentImage the inbound agent ({@code jnlp}) image; empty: the Kubernetes plugin's default (dev tier only)
 * @param controller the Jenkins controller's agent endpoint (TCP agent port, or the HTTP port for WebSocket agents)
 * @param cacheService one internal artifact cache the pod may reach, if any
 * @param tier dev or release
 * @param sandbox how the build container may create its own sandbox
 * @param allowNetworkPolicyOnly the explicit opt-in that lets a release build run with the NetworkPolicy as its only barrier
 * @param resources requests, limits and volume sizes
 */
public record PodTemplateOptions(ImageReference buildImage, Optional<ImageReference> agentImage, HostPort controller,
                                 Optional<HostPort> cacheService, Tier tier, SandboxVariant sandbox,
                                 boolean allowNetworkPolicyOnly, PodResources resources) {

    public PodTemplateOptions {
        Objects.requireNonNull(buildImage, "buildImage");
        Objects.requireNonNull(controller, "controller");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(resources, "resources");
        if (tier == Tier.RELEASE) {
            if (!buildImage.pinned()) {
                throw new InputException("--image " + buildImage + ": the release tier needs an image pinned by digest"
                        + " (REPO@sha256:<64 hex>); a tag can be moved to other content after the build is recorded");
            }
            ImageReference agent = agentImage.orElseThrow(() -> new InputException(
                    "--agent-image is required for the release tier: the Kubernetes plugin's default inbound-agent image is a tag"));
            if (!agent.pinned()) {
                throw new InputException("--agent-image " + agent + ": the release tier needs an image pinned by digest"
                        + " (REPO@sha256:<64 hex>)");
            }
        }
        expressible(controller, "--controller");
        cacheService.ifPresent(c -> expressible(c, "--cache-service"));
        if (allowNetworkPolicyOnly && sandbox != SandboxVariant.NETWORK_POLICY_ONLY) {
            throw new InputException("--allow-network-policy-only contradicts "
                    + (sandbox.userNamespace() ? "--userns" : "--seccomp-localhost") + ": that asks for the build's own network namespace");
        }
        if (tier == Tier.RELEASE && sandbox == SandboxVariant.NETWORK_POLICY_ONLY && !allowNetworkPolicyOnly) {
            throw new InputException("--tier release: without --userns or --seccomp-localhost the build cannot create its own"
                    + " network namespace in the pod (RuntimeDefault seccomp forbids it), so the release tier would refuse to run;"
                    + " choose one of them, or accept the NetworkPolicy as the only egress barrier with --allow-network-policy-only"
                    + " (recorded in the provenance)");
        }
    }

    /** Options with default resources and no cache, sandbox variant or opt-in; convenient for callers and tests. */
    public static PodTemplateOptions of(ImageReference buildImage, ImageReference agentImage, HostPort controller, Tier tier,
                                        SandboxVariant sandbox) {
        return new PodTemplateOptions(buildImage, Optional.ofNullable(agentImage), controller, Optional.empty(), tier, sandbox,
                false, PodResources.defaults());
    }

    /** Whether the pod must resolve a name (the controller or cache given as a service name), so DNS egress is needed. */
    public boolean needsDns() {
        return !controller.isIpLiteral() || cacheService.map(c -> !c.isIpLiteral()).orElse(false);
    }

    private static void expressible(HostPort endpoint, String option) {
        if (!endpoint.isIpLiteral() && endpoint.serviceNamespace().isEmpty()) {
            throw new InputException(option + " " + endpoint + ": a NetworkPolicy cannot allow a DNS name outside the cluster;"
                    + " give an IP address (e.g. 10.0.12.7:50000) or an in-cluster service name NAME.NAMESPACE.svc:PORT");
        }
    }
}
