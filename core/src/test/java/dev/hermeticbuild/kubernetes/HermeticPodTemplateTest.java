package dev.hermeticbuild.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.build.Tier;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The generated pod, read back through fabric8's Kubernetes model, and the refusals of its options. */
class HermeticPodTemplateTest {

    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final ImageReference BUILD = ImageReference.parse("registry.example.com/hermetic-agent@" + DIGEST, "--image");
    static final ImageReference AGENT = ImageReference.parse("registry.example.com/jenkins/inbound-agent:3283.v92c105e0f819-1@"
            + "sha256:" + "cd".repeat(32), "--agent-image");
    static final HostPort CONTROLLER = HostPort.parse("jenkins.ci.svc.cluster.local:50000", "--controller");

    static PodTemplateOptions options(SandboxVariant variant, Tier tier, boolean optIn) {
        return new PodTemplateOptions(BUILD, Optional.of(AGENT), CONTROLLER, Optional.empty(), tier, variant, optIn,
                PodResources.defaults());
    }

    static Pod generate(PodTemplateOptions options) {
        return KubernetesModel.strict(KubernetesYaml.toYaml(List.of(HermeticPodTemplate.pod(options))), Pod.class);
    }

    @ParameterizedTest
    @EnumSource(SandboxVariant.class)
    void everyVariantIsLockedDownInTheKubernetesModel(SandboxVariant variant) {
        Pod pod = generate(options(variant, Tier.DEV, false));
        assertEquals("deny", pod.getMetadata().getLabels().get("hermetic-build.dev/egress"));
        assertEquals(variant.label(), pod.getMetadata().getAnnotations().get("hermetic-build.dev/isolation"));
        assertEquals(Boolean.FALSE, pod.getSpec().getAutomountServiceAccountToken());
        assertEquals(Boolean.FALSE, pod.getSpec().getEnableServiceLinks());
        assertEquals(Boolean.TRUE, pod.getSpec().getSecurityContext().getRunAsNonRoot());
        assertEquals(10000L, pod.getSpec().getSecurityContext().getRunAsUser());
        assertEquals(10000L, pod.getSpec().getSecurityContext().getRunAsGroup());
        assertEquals("RuntimeDefault", pod.getSpec().getSecurityContext().getSeccompProfile().getType());
        assertEquals(List.of("jnlp", "hermetic"), pod.getSpec().getContainers().stream().map(Container::getName).toList());
        for (Container c : pod.getSpec().getContainers()) {
            SecurityContext s = c.getSecurityContext();
            assertEquals(Boolean.FALSE, s.getAllowPrivilegeEscalation(), c.getName());
            assertEquals(Boolean.FALSE, s.getPrivileged(), c.getName());
            assertEquals(Boolean.TRUE, s.getReadOnlyRootFilesystem(), c.getName());
            assertEquals(Boolean.TRUE, s.getRunAsNonRoot(), c.getName());
            assertEquals(10000L, s.getRunAsUser(), c.getName());
            assertEquals(List.of("ALL"), s.getCapabilities().getDrop(), c.getName());
            assertTrue(c.getImage().contains("@sha256:"), c.getName());
            assertTrue(c.getResources().getRequests().containsKey("cpu") && c.getResources().getLimits().containsKey("memory"), c.getName());
            assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")), c.getName() + " needs a writable /tmp");
            assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals(HermeticPodTemplate.WORKSPACE)), c.getName());
        }
        assertEquals(new Quantity("4Gi"), build(pod).getResources().getLimits().get("memory"));
        assertTrue(pod.getSpec().getVolumes().stream().allMatch(v -> v.getEmptyDir() != null && v.getEmptyDir().getSizeLimit() != null),
                "every volume is a size-limited emptyDir");
        assertEquals("registry.example.com/hermetic-agent@" + DIGEST, env(build(pod)).get("HERMETIC_IMAGE_DIGEST"));
        assertFalse(env(build(pod)).containsKey(HermeticPodTemplate.OPT_IN_ENV), "no opt-in unless asked for");
        assertEquals(List.of(), added(agent(pod)), "the agent container never gets capabilities");
        assertEquals("RuntimeDefault", agent(pod).getSecurityContext().getSeccompProfile().getType());
    }

    @Test
    void userNamespacesVariantAddsSysAdminOnlyToTheBuildContainerAndOnlyWithHostUsersFalse() {
        Pod pod = generate(options(SandboxVariant.USER_NAMESPACES, Tier.RELEASE, false));
        assertEquals(Boolean.FALSE, pod.getSpec().getHostUsers());
        assertEquals(List.of("SYS_ADMIN"), build(pod).getSecurityContext().getCapabilities().getAdd());
        assertEquals("Unmasked", build(pod).getSecurityContext().getProcMount());
        assertEquals("RuntimeDefault", build(pod).getSecurityContext().getSeccompProfile().getType());

        Pod plain = generate(options(SandboxVariant.NETWORK_POLICY_ONLY, Tier.DEV, false));
        assertNull(plain.getSpec().getHostUsers());
        assertEquals(List.of(), added(build(plain)));
        assertNull(build(plain).getSecurityContext().getProcMount());
    }

    @Test
    void seccompVariantUsesTheLocalhostProfileForTheBuildContainerOnly() {
        Pod pod = generate(options(SandboxVariant.SECCOMP_LOCALHOST, Tier.RELEASE, false));
        assertEquals("Localhost", build(pod).getSecurityContext().getSeccompProfile().getType());
        assertEquals("hermetic-build/hermetic-sandbox.json", build(pod).getSecurityContext().getSeccompProfile().getLocalhostProfile());
        assertEquals("RuntimeDefault", agent(pod).getSecurityContext().getSeccompProfile().getType());
        assertNull(pod.getSpec().getHostUsers());
        assertNull(build(pod).getSecurityContext().getProcMount(), "Unmasked is refused by the API server without hostUsers: false");
        assertEquals(List.of(), added(build(pod)));
    }

    @Test
    void bothVariantsTogetherNeedNoCapability() {
        Pod pod = generate(options(SandboxVariant.USER_NAMESPACES_SECCOMP_LOCALHOST, Tier.RELEASE, false));
        assertEquals(Boolean.FALSE, pod.getSpec().getHostUsers());
        assertEquals("Unmasked", build(pod).getSecurityContext().getProcMount());
        assertEquals("Localhost", build(pod).getSecurityContext().getSeccompProfile().getType());
        assertEquals(List.of(), added(build(pod)), "the profile allows the namespace syscalls: no SYS_ADMIN needed");
        assertEquals(SandboxVariant.USER_NAMESPACES_SECCOMP_LOCALHOST, SandboxVariant.of(true, true));
    }

    @Test
    void theOptInIsPassedOnlyWhenAskedFor() {
        Pod pod = generate(options(SandboxVariant.NETWORK_POLICY_ONLY, Tier.RELEASE, true));
        assertEquals("network-policy-only", env(build(pod)).get(HermeticPodTemplate.OPT_IN_ENV));
        assertFalse(env(agent(pod)).containsKey(HermeticPodTemplate.OPT_IN_ENV));
    }

    @ParameterizedTest
    @EnumSource(SandboxVariant.class)
    void theGeneratedPodAndPolicyLintClean(SandboxVariant variant) {
        for (String controller : List.of("10.0.12.7:50000", "jenkins.ci.svc:50000")) {
            HostPort c = HostPort.parse(controller, "--controller");
            HostPort cache = HostPort.parse("artifact-cache.ci.svc.cluster.local:8081", "--cache-service");
            PodTemplateOptions o = new PodTemplateOptions(BUILD, Optional.of(AGENT), c, Optional.of(cache), Tier.RELEASE, variant,
                    variant == SandboxVariant.NETWORK_POLICY_ONLY, PodResources.defaults());
            String yaml = KubernetesYaml.toYaml(List.of(HermeticPodTemplate.pod(o), HermeticNetworkPolicy.networkPolicy(o)));
            LintReport report = PodLint.lint(KubernetesYaml.parse("generated.yaml", yaml), List.of(), Optional.of(c), Optional.of(cache));
            assertTrue(report.policiesChecked());
            assertEquals(List.of(), report.findings(), yaml);
        }
    }

    @Test
    void theReleaseTierRefusesTagsMissingAgentImagesAndPodsWithoutASandbox() {
        ImageReference tagged = ImageReference.parse("registry.example.com/hermetic-agent:1.0", "--image");
        var e = assertThrows(InputException.class, () -> new PodTemplateOptions(tagged, Optional.of(AGENT), CONTROLLER,
                Optional.empty(), Tier.RELEASE, SandboxVariant.USER_NAMESPACES, false, PodResources.defaults()));
        assertTrue(e.getMessage().startsWith("--image registry.example.com/hermetic-agent:1.0: the release tier needs an image pinned by digest"),
                e.getMessage());
        e = assertThrows(InputException.class, () -> new PodTemplateOptions(BUILD, Optional.empty(), CONTROLLER,
                Optional.empty(), Tier.RELEASE, SandboxVariant.USER_NAMESPACES, false, PodResources.defaults()));
        assertTrue(e.getMessage().contains("--agent-image is required for the release tier"), e.getMessage());
        e = assertThrows(InputException.class, () -> new PodTemplateOptions(BUILD, Optional.of(
                ImageReference.parse("jenkins/inbound-agent:latest", "--agent-image")), CONTROLLER,
                Optional.empty(), Tier.RELEASE, SandboxVariant.USER_NAMESPACES, false, PodResources.defaults()));
        assertTrue(e.getMessage().startsWith("--agent-image jenkins/inbound-agent:latest:"), e.getMessage());
        e = assertThrows(InputException.class, () -> options(SandboxVariant.NETWORK_POLICY_ONLY, Tier.RELEASE, false));
        assertTrue(e.getMessage().contains("--allow-network-policy-only"), e.getMessage());
        e = assertThrows(InputException.class, () -> options(SandboxVariant.USER_NAMESPACES, Tier.DEV, true));
        assertTrue(e.getMessage().contains("contradicts --userns"), e.getMessage());

        // The dev tier takes a tag (pod-lint will still report it).
        Pod dev = generate(new PodTemplateOptions(tagged, Optional.empty(), CONTROLLER, Optional.empty(), Tier.DEV,
                SandboxVariant.NETWORK_POLICY_ONLY, false, PodResources.defaults()));
        assertNull(agent(dev).getImage(), "no agent image given: the Kubernetes plugin fills in its default");
        assertFalse(env(build(dev)).containsKey("HERMETIC_IMAGE_DIGEST"), "a tag is not a digest");
    }

    @Test
    void aControllerTheNetworkPolicyCannotExpressIsRefused() {
        var e = assertThrows(InputException.class, () -> new PodTemplateOptions(BUILD, Optional.of(AGENT),
                HostPort.parse("jenkins.example.com:50000", "--controller"), Optional.empty(), Tier.DEV,
                SandboxVariant.NETWORK_POLICY_ONLY, false, PodResources.defaults()));
        assertTrue(e.getMessage().startsWith("--controller jenkins.example.com:50000: a NetworkPolicy cannot allow a DNS name"), e.getMessage());
    }

    static Container agent(Pod pod) {
        return pod.getSpec().getContainers().get(0);
    }

    static Container build(Pod pod) {
        return pod.getSpec().getContainers().get(1);
    }

    static List<String> added(Container c) {
        List<String> add = c.getSecurityContext().getCapabilities().getAdd();
        return add == null ? List.of() : add;
    }

    static Map<String, String> env(Container c) {
        return c.getEnv() == null ? Map.of() : c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
