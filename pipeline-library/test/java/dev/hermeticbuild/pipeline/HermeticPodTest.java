package dev.hermeticbuild.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hermeticbuild.build.Tier;
import dev.hermeticbuild.kubernetes.HermeticPodTemplate;
import dev.hermeticbuild.kubernetes.HostPort;
import dev.hermeticbuild.kubernetes.ImageReference;
import dev.hermeticbuild.kubernetes.KubernetesYaml;
import dev.hermeticbuild.kubernetes.PodTemplateOptions;
import dev.hermeticbuild.kubernetes.SandboxVariant;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hermeticPod}: wraps a team's own stages in the locked-down pod, whose YAML is exactly what
 * {@code hermetic pod-template --userns} generates for the same images and tier.
 */
class HermeticPodTest extends LibraryHarness {

    @BeforeEach
    void setUp(@TempDir Path dir) throws Exception {
        setUpLibrary(dir);
    }

    @Test
    void wrapsTheBlockInTheHermeticPod() throws Exception {
        assertNull(run("""
                @Library('hermetic-build') _
                hermeticPod(image: '%s', agentImage: '%s') {
                  stage('Build') {
                    container('hermetic') {
                      sh 'hermetic build --tier release --output "dist/*" -- make'
                    }
                  }
                }
                """.formatted(IMAGE, AGENT_IMAGE)));

        assertEquals(List.of(
                "libraryResource(dev/hermeticbuild/hermetic-pod.yaml)",
                "podTemplate([yaml:<pod>], groovy.lang.Closure)",
                "node(hermetic-pod-7, groovy.lang.Closure)",
                "stage(Build, groovy.lang.Closure)",
                "container(hermetic, groovy.lang.Closure)",
                "sh(hermetic build --tier release --output \"dist/*\" -- make)"),
                steps());
    }

    @Test
    void withoutArgumentsTheImagesComeFromTheGlobalEnvironmentAndTheTierIsRelease() throws Exception {
        env.put("HERMETIC_AGENT_IMAGE", IMAGE);
        env.put("HERMETIC_INBOUND_AGENT_IMAGE", AGENT_IMAGE);

        assertNull(run("""
                @Library('hermetic-build') _
                hermeticPod {
                  checkout scm
                }
                """));

        assertEquals(List.of(generated(Tier.RELEASE)), List.of(withoutComments(podYamls.get(0))));
        assertEquals(List.of(
                "libraryResource(dev/hermeticbuild/hermetic-pod.yaml)",
                "podTemplate([yaml:<pod>], groovy.lang.Closure)",
                "node(hermetic-pod-7, groovy.lang.Closure)",
                "checkout({$class=GitSCM, url=https://git.example.com/app.git})"),
                steps());
    }

    @Test
    void thePodIsTheGeneratorsPodForBothTiers() throws Exception {
        assertNull(run("""
                @Library('hermetic-build') _
                hermeticPod(image: '%1$s', agentImage: '%2$s', tier: 'release') { }
                hermeticPod(image: '%1$s', agentImage: '%2$s', tier: 'dev') { }
                """.formatted(IMAGE, AGENT_IMAGE)));

        assertEquals(List.of(generated(Tier.RELEASE), generated(Tier.DEV)), List.of(withoutComments(podYamls.get(0)),
                withoutComments(podYamls.get(1))));
    }

    @Test
    void refusesAnImageWithoutDigestBeforeMakingAPod() throws Exception {
        LibraryHarness.PipelineError e = run("""
                @Library('hermetic-build') _
                hermeticPod(image: 'registry.example.com/hermetic-agent:latest', agentImage: '%s') {
                  sh 'make'
                }
                """.formatted(AGENT_IMAGE));

        assertNotNull(e);
        String message = "image 'registry.example.com/hermetic-agent:latest' is not pinned by digest: use REPO@sha256:<64 hex>";
        assertEquals(message, e.getMessage());
        assertEquals(List.of("error(" + message + ")"), steps());
    }

    /** What {@code hermetic pod-template --tier T --userns --image IMAGE --agent-image AGENT_IMAGE} prints as the pod. */
    private static String generated(Tier tier) {
        PodTemplateOptions options = PodTemplateOptions.of(ImageReference.parse(IMAGE, "--image"),
                ImageReference.parse(AGENT_IMAGE, "--agent-image"), HostPort.parse("jenkins.ci.svc:50000", "--controller"),
                tier, SandboxVariant.USER_NAMESPACES);
        return KubernetesYaml.toYaml(List.of(HermeticPodTemplate.pod(options)));
    }

    private static String withoutComments(String yaml) {
        StringBuilder kept = new StringBuilder();
        for (String line : yaml.split("\n", -1)) {
            if (!line.startsWith("#")) {
                kept.append(line).append('\n');
            }
        }
        return kept.substring(0, kept.length() - 1);
    }
}
