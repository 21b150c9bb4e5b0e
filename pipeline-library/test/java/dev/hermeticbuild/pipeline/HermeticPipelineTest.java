package dev.hermeticbuild.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hermeticPipeline}: the exact steps, in order and with their arguments, for each tier, and
 * the single early failure for each misconfiguration (nothing else runs).
 */
class HermeticPipelineTest extends LibraryHarness {

    /** The Jenkinsfile, with the images a platform team pins. */
    private static final String TEAM_JENKINSFILE = """
            @Library('hermetic-build') _
            hermeticPipeline {
              buildCommand = 'mvn -o package'
              outputs      = 'target/*.jar'
              tier         = env.BRANCH_NAME == 'main' ? 'release' : 'dev'
              signingCredentials = 'release-signing-key'
              verifyCredentials  = 'release-public-key'
              image        = '%s'
              agentImage   = '%s'
            }
            """.formatted(IMAGE, AGENT_IMAGE);

    private static final String CACHE = "'/home/jenkins/agent/workspace/app@tmp/hermetic-cache'";

    @BeforeEach
    void setUp(@TempDir Path dir) throws Exception {
        setUpLibrary(dir);
    }

    @Test
    void releaseTierPrefetchesBuildsChecksReproducibilitySignsAttestsVerifiesAndArchives() throws Exception {
        env.put("BRANCH_NAME", "main");
        workspaceFiles.add("hermetic.lock");

        assertNull(run(TEAM_JENKINSFILE));

        assertEquals(List.of(
                "libraryResource(dev/hermeticbuild/hermetic-pod.yaml)",
                "podTemplate([yaml:<pod>], groovy.lang.Closure)",
                "node(hermetic-pod-7, groovy.lang.Closure)",
                "stage(Checkout, groovy.lang.Closure)",
                "checkout({$class=GitSCM, url=https://git.example.com/app.git})",
                "container(hermetic, groovy.lang.Closure)",
                "fileExists(hermetic.lock)",
                "fileExists(package-lock.json)",
                "stage(Prefetch, groovy.lang.Closure)",
                "sh(hermetic prefetch -C . --cache " + CACHE + ")",
                "stage(Reproducibility, groovy.lang.Closure)",
                "sh(hermetic check-reproducible -C . --out \"$WORKSPACE@tmp/hermetic-reproducibility\" --tier release"
                        + " --output 'target/*.jar' --cache " + CACHE + " -- sh -c 'mvn -o package')",
                "stage(Build, groovy.lang.Closure)",
                "hermeticBuild({command=mvn -o package, outputs=target/*.jar, tier=release, sbomFile=hermetic-sbom.cdx.json,"
                        + " cache=/home/jenkins/agent/workspace/app@tmp/hermetic-cache})",
                "stage(Sign, groovy.lang.Closure)",
                "signArtifact({artifacts=target/*.jar, credentialsId=release-signing-key})",
                "attest({artifacts=target/*.jar, credentialsId=release-signing-key})",
                "stage(Verify, groovy.lang.Closure)",
                "verifyArtifact({artifact=target/app-1.0.jar, requireHermetic=true, credentialsId=release-public-key})",
                "stage(Archive, groovy.lang.Closure)",
                "sh(cp \"$WORKSPACE@tmp/hermetic-reproducibility\"/reproducibility.json hermetic-reproducibility.json)",
                "archiveArtifacts({artifacts=target/app-1.0.jar,target/app-1.0.jar.sigstore.json,"
                        + "target/app-1.0.jar.provenance.sigstore.json,hermetic-sbom.cdx.json,hermetic-reproducibility.json,"
                        + " fingerprint=true})"),
                steps());
        assertEquals(null, currentBuild().get("description"));
        assertEquals("SUCCESS", currentBuild().get("result"));
    }

    @Test
    void releaseTierVerifiesEveryBuiltFileAgainstTheGlobalKeysWhenNoPublicKeyIsGiven() throws Exception {
        builtFiles.clear();
        builtFiles.addAll(List.of("dist/app.tar.gz", "dist/app.zip", "oci-archive:dist/app.zip@linux/amd64"));
        env.put("HERMETIC_AGENT_IMAGE", IMAGE);
        env.put("HERMETIC_INBOUND_AGENT_IMAGE", AGENT_IMAGE);

        assertNull(run("""
                @Library('hermetic-build') _
                hermeticPipeline(buildCommand: 'make dist', outputs: 'dist/*.tar.gz, dist/*.zip', tier: 'release',
                                 signingCredentials: 'release-signing-key', reproducibilityCheck: false)
                """));

        assertEquals(List.of(
                "libraryResource(dev/hermeticbuild/hermetic-pod.yaml)",
                "podTemplate([yaml:<pod>], groovy.lang.Closure)",
                "node(hermetic-pod-7, groovy.lang.Closure)",
                "stage(Checkout, groovy.lang.Closure)",
                "checkout({$class=GitSCM, url=https://git.example.com/app.git})",
                "container(hermetic, groovy.lang.Closure)",
                "fileExists(hermetic.lock)",
                "fileExists(package-lock.json)",
                "stage(Build, groovy.lang.Closure)",
                "hermeticBuild({command=make dist, outputs=dist/*.tar.gz,dist/*.zip, tier=release, sbomFile=hermetic-sbom.cdx.json})",
                "stage(Sign, groovy.lang.Closure)",
                "signArtifact({artifacts=dist/*.tar.gz,dist/*.zip, credentialsId=release-signing-key})",
                "attest({artifacts=dist/*.tar.gz,dist/*.zip, credentialsId=release-signing-key})",
                "stage(Verify, groovy.lang.Closure)",
                "verifyArtifact({artifact=dist/app.tar.gz, requireHermetic=true})",
                "verifyArtifact({artifact=dist/app.zip, requireHermetic=true})",
                "stage(Archive, groovy.lang.Closure)",
                "archiveArtifacts({artifacts=dist/app.tar.gz,dist/app.tar.gz.sigstore.json,dist/app.tar.gz.provenance.sigstore.json,"
                        + "dist/app.zip,dist/app.zip.sigstore.json,dist/app.zip.provenance.sigstore.json,hermetic-sbom.cdx.json,"
                        + " fingerprint=true})"),
                steps());
    }

    @Test
    void releaseTierBuildsSignsAttestsVerifiesAndPushesTheImageByItsLayout() throws Exception {
        builtFiles.clear();
        builtFiles.addAll(List.of("target/app.jar", "target/image"));

        assertNull(run("""
                @Library('hermetic-build') _
                hermeticPipeline {
                  buildCommand = 'mvn -o package'
                  outputs      = 'target/app.jar'
                  tier         = 'release'
                  signingCredentials = 'release-signing-key'
                  image        = '%s'
                  agentImage   = '%s'
                  prefetch     = false
                  containerImage = [base: 'scratch', layers: 'target/app.jar:/app/app.jar', entrypoint: ['java', '-jar', '/app/app.jar'],
                                    env: ['TZ=UTC'], pushTo: 'registry.example.com/team/app:1.4.2', registryCredentials: 'registry-login']
                }
                """.formatted(IMAGE, AGENT_IMAGE)));

        assertEquals(List.of(
                "stage(Reproducibility, groovy.lang.Closure)",
                "sh(hermetic check-reproducible -C . --out \"$WORKSPACE@tmp/hermetic-reproducibility\" --tier release"
                        + " --output 'target/app.jar' --image-base 'scratch' --image-layer 'target/app.jar:/app/app.jar'"
                        + " --image-entrypoint 'java,-jar,/app/app.jar' --image-env 'TZ=UTC' --image-name 'target/image'"
                        + " -- sh -c 'mvn -o package')",
                "stage(Build, groovy.lang.Closure)",
                "hermeticBuild({command=mvn -o package, outputs=target/app.jar, tier=release, sbomFile=hermetic-sbom.cdx.json,"
                        + " imageBase=scratch, imageLayers=target/app.jar:/app/app.jar, imageName=target/image,"
                        + " imageEntrypoint=java,-jar,/app/app.jar, imageEnv=[TZ=UTC]})",
                "stage(Sign, groovy.lang.Closure)",
                "signArtifact({artifacts=target/app.jar,target/image, credentialsId=release-signing-key})",
                "attest({artifacts=target/app.jar,target/image, credentialsId=release-signing-key})",
                "stage(Verify, groovy.lang.Closure)",
                "verifyArtifact({artifact=target/app.jar, requireHermetic=true})",
                "verifyArtifact({artifact=target/image, requireHermetic=true})",
                "stage(Push, groovy.lang.Closure)",
                "container(hermetic, groovy.lang.Closure)",
                "usernamePassword({credentialsId=registry-login, usernameVariable=HERMETIC_REGISTRY_USER,"
                        + " passwordVariable=HERMETIC_REGISTRY_PASSWORD})",
                "withCredentials([{usernamePassword={credentialsId=registry-login, usernameVariable=HERMETIC_REGISTRY_USER,"
                        + " passwordVariable=HERMETIC_REGISTRY_PASSWORD}}], groovy.lang.Closure)",
                "sh(hermetic push --image 'target/image' --to 'registry.example.com/team/app:1.4.2'"
                        + " --attach 'target/image.sigstore.json' --attach 'target/image.provenance.sigstore.json'"
                        + " --registry-login-env HERMETIC_REGISTRY_USER:HERMETIC_REGISTRY_PASSWORD)",
                "stage(Archive, groovy.lang.Closure)",
                "sh(cp \"$WORKSPACE@tmp/hermetic-reproducibility\"/reproducibility.json hermetic-reproducibility.json)",
                "archiveArtifacts({artifacts=target/image.sigstore.json,target/image.provenance.sigstore.json,"
                        + "target/app.jar,target/app.jar.sigstore.json,target/app.jar.provenance.sigstore.json,"
                        + "hermetic-sbom.cdx.json,hermetic-reproducibility.json, fingerprint=true})"),
                steps().subList(6, steps().size()));
    }

    @Test
    void aContainerImageThatCannotBeBuiltOrPushedFailsFirstNamingEachProblem() throws Exception {
        assertOnlyError("""
                hermeticPipeline {
                  buildCommand = 'make'
                  outputs = 'dist/app'
                  tier = 'dev'
                  image = '%s'
                  agentImage = '%s'
                  containerImage = [base: 'debian:12', layer: 'dist/app:/app', pushTo: 'team/app@sha256:00']
                }
                """.formatted(IMAGE, AGENT_IMAGE),
                "containerImage: unknown key 'layer': it takes base, layers, entrypoint, env, labels, platform, name, pushTo,"
                        + " registryCredentials",
                "containerImage.base: give 'scratch' or a local OCI layout pinned by digest, 'oci:DIR@sha256:<64 hex>' (not 'debian:12')",
                "containerImage.layers: name at least one OUTPUT:DEST, e.g. layers: 'target/app.jar:/app/app.jar'",
                "containerImage.pushTo 'team/app@sha256:00': give REGISTRY/REPOSITORY[:TAG], e.g. registry.example.com/team/app",
                "containerImage.pushTo: only a release build pushes (it attaches the image's signature and provenance)");
    }

    @Test
    void devTierBuildsUnsignedWithoutTheReproducibilityCheckAndSaysSo() throws Exception {
        env.put("BRANCH_NAME", "feature/faster");
        workspaceFiles.add("hermetic.lock");

        assertNull(run(TEAM_JENKINSFILE));

        assertEquals(List.of(
                "libraryResource(dev/hermeticbuild/hermetic-pod.yaml)",
                "podTemplate([yaml:<pod>], groovy.lang.Closure)",
                "node(hermetic-pod-7, groovy.lang.Closure)",
                "stage(Checkout, groovy.lang.Closure)",
                "checkout({$class=GitSCM, url=https://git.example.com/app.git})",
                "container(hermetic, groovy.lang.Closure)",
                "fileExists(hermetic.lock)",
                "fileExists(package-lock.json)",
                "stage(Prefetch, groovy.lang.Closure)",
                "sh(hermetic prefetch -C . --cache " + CACHE + ")",
                "stage(Build, groovy.lang.Closure)",
                "hermeticBuild({command=mvn -o package, outputs=target/*.jar, tier=dev, sbomFile=hermetic-sbom.cdx.json,"
                        + " cache=/home/jenkins/agent/workspace/app@tmp/hermetic-cache})",
                "stage(Archive, groovy.lang.Closure)",
                "archiveArtifacts({artifacts=target/app-1.0.jar,hermetic-sbom.cdx.json, fingerprint=true})"),
                steps());
        assertEquals("DEV build: unsigned, not for release", currentBuild().get("description"));
        assertEquals(1, podYamls.size());
        assertEquals(true, podYamls.get(0).contains("hermetic-build.dev/tier: dev\n"));
    }

    @Test
    void npmLockIsPrefetchedFromTheGivenMirrorIntoTheGivenCache() throws Exception {
        workspaceFiles.add("package-lock.json");
        builtFiles.clear();
        builtFiles.add("dist/app.json");

        assertNull(run("""
                @Library('hermetic-build') _
                hermeticPipeline {
                  buildCommand = 'npm ci --offline --ignore-scripts && npm run build'
                  outputs      = 'dist/*.json'
                  tier         = 'dev'
                  cache        = '/home/jenkins/agent/hermetic-cache'
                  npmRegistry  = 'http://artifact-cache.ci.svc:8081/npm/'
                  image        = '%s'
                  agentImage   = '%s'
                }
                """.formatted(IMAGE, AGENT_IMAGE)));

        assertEquals(List.of(
                "fileExists(hermetic.lock)",
                "fileExists(package-lock.json)",
                "stage(Prefetch, groovy.lang.Closure)",
                "sh(hermetic prefetch -C . --cache '/home/jenkins/agent/hermetic-cache'"
                        + " --npm-registry 'http://artifact-cache.ci.svc:8081/npm/')",
                "stage(Build, groovy.lang.Closure)",
                "hermeticBuild({command=npm ci --offline --ignore-scripts && npm run build, outputs=dist/*.json, tier=dev,"
                        + " sbomFile=hermetic-sbom.cdx.json, cache=/home/jenkins/agent/hermetic-cache})"),
                steps().subList(6, 12));
    }

    @Test
    void prefetchFalseSkipsTheLockAndTheCache() throws Exception {
        workspaceFiles.add("hermetic.lock");

        assertNull(run("""
                @Library('hermetic-build') _
                hermeticPipeline(buildCommand: 'make', outputs: 'out/*', tier: 'dev', prefetch: false,
                                 image: '%s', agentImage: '%s')
                """.formatted(IMAGE, AGENT_IMAGE)));

        assertEquals(List.of(
                "container(hermetic, groovy.lang.Closure)",
                "stage(Build, groovy.lang.Closure)",
                "hermeticBuild({command=make, outputs=out/*, tier=dev, sbomFile=hermetic-sbom.cdx.json})",
                "stage(Archive, groovy.lang.Closure)"),
                steps().subList(5, 9));
    }

    @Test
    void imagesComeFromTheGlobalEnvironmentWhenTheJenkinsfileNamesNone() throws Exception {
        env.put("HERMETIC_AGENT_IMAGE", IMAGE);
        env.put("HERMETIC_INBOUND_AGENT_IMAGE", AGENT_IMAGE);

        assertNull(run("""
                @Library('hermetic-build') _
                hermeticPipeline(buildCommand: 'make', outputs: 'out/*', tier: 'dev')
                """));

        assertEquals(true, podYamls.get(0).contains("    image: " + IMAGE + "\n"));
        assertEquals(true, podYamls.get(0).contains("    image: " + AGENT_IMAGE + "\n"));
    }

    @Test
    void missingOutputsFailsFirstWithOneMessage() throws Exception {
        assertOnlyError("""
                hermeticPipeline {
                  buildCommand = 'mvn -o package'
                  tier = 'dev'
                  image = '%s'
                  agentImage = '%s'
                }
                """.formatted(IMAGE, AGENT_IMAGE),
                "outputs: name the files the build produces, e.g. outputs = 'target/*.jar' (comma-separated globs)");
    }

    @Test
    void releaseWithoutSigningCredentialsFailsFirstWithOneMessage() throws Exception {
        assertOnlyError("""
                hermeticPipeline {
                  buildCommand = 'mvn -o package'
                  outputs = 'target/*.jar'
                  tier = 'release'
                  image = '%s'
                  agentImage = '%s'
                }
                """.formatted(IMAGE, AGENT_IMAGE),
                "tier release needs signingCredentials: the id of the Jenkins credential holding the signing key");
    }

    @Test
    void theTierDefaultsToReleaseSoForgettingItStillNeedsSigningCredentials() throws Exception {
        assertOnlyError("""
                hermeticPipeline(buildCommand: 'make', outputs: 'out/*', image: '%s', agentImage: '%s')
                """.formatted(IMAGE, AGENT_IMAGE),
                "tier release needs signingCredentials: the id of the Jenkins credential holding the signing key");
    }

    @Test
    void imageWithoutDigestFailsFirstWithOneMessage() throws Exception {
        assertOnlyError("""
                hermeticPipeline {
                  buildCommand = 'mvn -o package'
                  outputs = 'target/*.jar'
                  tier = 'dev'
                  image = 'registry.example.com/hermetic-agent:1.4'
                  agentImage = '%s'
                }
                """.formatted(AGENT_IMAGE),
                "image 'registry.example.com/hermetic-agent:1.4' is not pinned by digest: use REPO@sha256:<64 hex>");
    }

    @Test
    void missingImageNamesTheGlobalVariableThatWouldGiveIt() throws Exception {
        assertOnlyError("""
                hermeticPipeline(buildCommand: 'make', outputs: 'out/*', tier: 'dev', agentImage: '%s')
                """.formatted(AGENT_IMAGE),
                "image: give the image pinned by digest (REPO@sha256:<64 hex>), or set HERMETIC_AGENT_IMAGE for every job");
    }

    @Test
    void unknownKeysAndBadValuesAreEachNamed() throws Exception {
        assertOnlyError("""
                hermeticPipeline {
                  buildCommand = 'make'
                  output = 'dist/*'
                  tier = 'prod'
                  image = '%s'
                  agentImage = 'inbound-agent:latest'
                  reproducibilityCheck = 'yes'
                }
                """.formatted(IMAGE),
                "unknown key 'output': hermeticPipeline takes buildCommand, outputs, tier, signingCredentials,"
                        + " verifyCredentials, image, agentImage, cache, prefetch, mavenRepo, npmRegistry, reproducibilityCheck,"
                        + " containerImage",
                "outputs: name the files the build produces, e.g. outputs = 'target/*.jar' (comma-separated globs)",
                "tier: 'prod' is not a tier: use 'dev' or 'release'",
                "agentImage 'inbound-agent:latest' is not pinned by digest: use REPO@sha256:<64 hex>",
                "reproducibilityCheck: 'yes' is not true or false");
    }

    /** Runs {@code call} and requires that the error step was the only step, with exactly these lines. */
    private void assertOnlyError(String call, String... problems) throws Exception {
        PipelineError e = run("@Library('hermetic-build') _\n" + call);
        assertNotNull(e, "the pipeline should have failed");
        String message = "hermeticPipeline configuration:\n" + String.join("\n", problems);
        assertEquals(message, e.getMessage());
        assertEquals(List.of("error(" + message + ")"), steps());
        assertEquals(List.of(), podYamls);
    }
}
