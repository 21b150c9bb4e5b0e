package dev.hermeticbuild.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.verify.VerificationException;
import hudson.AbortException;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;

/** What the steps accept and refuse, and how a refusal reaches the console. */
class StepArgumentsTest {

    @Test
    void hermeticBuildTurnsItsParametersIntoTheCheckedCliLine() {
        HermeticBuildStep step = new HermeticBuildStep("make dist", "dist/*.tar.gz, dist/*.sha256");
        assertEquals(List.of("build", "--out", "/ws@tmp/out", "--output", "dist/*.tar.gz", "--output", "dist/*.sha256",
                        "--tier", "release", "--sandbox", "auto", "--builder-id", "https://ci.example.com/",
                        "--outputs-to-workspace", "--", "sh", "-c", "make dist"),
                BuildRecorder.arguments(step, "release", "https://ci.example.com/", "/ws@tmp/out"));
        step.setTier("dev");
        step.setSandbox("none");
        assertEquals("dev", BuildRecorder.arguments(step, "release", "b", "/o").get(8));
    }

    @Test
    void hermeticBuildAssemblesTheImageItsParametersDescribe() {
        HermeticBuildStep step = new HermeticBuildStep("mvn -o package", "target/app.jar");
        step.setImageBase("oci:/agent/bases/temurin@sha256:" + "0".repeat(64));
        step.setImageLayers("target/app.jar:/app/app.jar");
        step.setImageEntrypoint("java,-jar,/app/app.jar");
        step.setImageEnv(List.of("TZ=UTC"));
        step.setImageName("target/image");
        List<String> args = BuildRecorder.arguments(step, "release", "b", "/o");
        assertEquals(List.of("--image-base", "oci:/agent/bases/temurin@sha256:" + "0".repeat(64), "--image-layer",
                "target/app.jar:/app/app.jar", "--image-entrypoint", "java,-jar,/app/app.jar", "--image-env", "TZ=UTC",
                "--image-name", "target/image", "--outputs-to-workspace"), args.subList(args.indexOf("--image-base"), args.indexOf("--")));
        step.setImageBase("registry.example.com/temurin:21");
        assertTrue(assertThrows(InputException.class, () -> BuildRecorder.arguments(step, "release", "b", "/o")).getMessage()
                .startsWith("imageBase: --base 'registry.example.com/temurin:21': only a local OCI image layout is read"));
        HermeticBuildStep orphan = new HermeticBuildStep("make", "a");
        orphan.setImageLayers("a:/a");
        assertTrue(assertThrows(InputException.class, () -> BuildRecorder.arguments(orphan, "dev", "b", "/o")).getMessage()
                .contains("give imageBase:"));
    }

    @Test
    void theStepReturnsTheImageByTheDigestTheProvenanceNames() {
        Map<String, Object> result = Results.map("outputs", Results.list(List.of(
                Results.map("name", "target/app.jar", "sha256", "a".repeat(64)),
                Results.map("name", "target/image", "sha256", "b".repeat(64)))));
        assertEquals(Map.of("layout", "target/image", "digest", "sha256:" + "b".repeat(64)), BuildRecorder.imageResult(result, "target/image"));
    }

    @Test
    void hermeticBuildPassesItsDependencyCache() {
        HermeticBuildStep step = new HermeticBuildStep("mvn -o package", "target/*.jar");
        step.setCache("/home/jenkins/agent/workspace/app@tmp/hermetic-cache");
        assertEquals(List.of("build", "--out", "/o", "--output", "target/*.jar", "--tier", "release", "--sandbox", "auto",
                        "--builder-id", "b", "--cache", "/home/jenkins/agent/workspace/app@tmp/hermetic-cache",
                        "--outputs-to-workspace", "--", "sh", "-c", "mvn -o package"),
                BuildRecorder.arguments(step, "release", "b", "/o"));
    }

    @Test
    void theJobsScmUrlIsTheCanonicalSourceWithoutItsCredentials() {
        HermeticBuildStep step = new HermeticBuildStep("make", "a");
        List<String> args = BuildRecorder.arguments(step, "dev", "b", "/o", "https://ci-bot:s3cr3t@github.com/Org/App.git");
        assertEquals(List.of("--canonical-source", "git+https://github.com/Org/App.git"),
                args.subList(args.indexOf("--canonical-source"), args.indexOf("--canonical-source") + 2));
        assertEquals(false, String.join(" ", args).contains("s3cr3t"));
        step.setCanonicalSource("git@github.com:org/app.git");
        args = BuildRecorder.arguments(step, "dev", "b", "/o", "https://mirror.example/org/app.git");
        assertEquals("git+ssh://git@github.com/org/app.git", args.get(args.indexOf("--canonical-source") + 1));
        assertEquals(false, BuildRecorder.arguments(new HermeticBuildStep("make", "a"), "dev", "b", "/o", null)
                .contains("--canonical-source"));
        step.setCanonicalSource("/var/cache/git/app.git");
        assertEquals("canonical source '/var/cache/git/app.git': a local path names nothing outside this machine;"
                        + " give the repository's URL, e.g. https://github.com/org/repo.git",
                assertThrows(InputException.class, () -> BuildRecorder.arguments(step, "dev", "b", "/o", null)).getMessage());
    }

    @Test
    void aLockOutsideTheSourceTreeIsPassedAsAnAbsoluteFileOnly() {
        HermeticBuildStep step = new HermeticBuildStep("mvn -o package", "target/*.jar");
        assertEquals(false, BuildRecorder.arguments(step, "release", "b", "/o", null).contains("--lock"));
        step.setLock("/var/lib/hermetic/locks/app.hermetic.lock");
        List<String> args = BuildRecorder.arguments(step, "release", "b", "/o", null);
        assertEquals("/var/lib/hermetic/locks/app.hermetic.lock", args.get(args.indexOf("--lock") + 1));
        assertTrue(args.indexOf("--lock") < args.indexOf("--"), "an option of hermetic build, not of the command");
        step.setLock("locks/app.hermetic.lock");
        assertEquals("lock: locks/app.hermetic.lock is not an absolute file on the agent",
                assertThrows(InputException.class, () -> BuildRecorder.arguments(step, "release", "b", "/o", null)).getMessage());
    }

    @Test
    void misuseIsRefusedBeforeAnythingRuns() {
        HermeticBuildStep releaseWithoutIsolation = new HermeticBuildStep("make", "a");
        releaseWithoutIsolation.setSandbox("none");
        assertEquals("tier release needs isolation: sandbox 'none' is only allowed with tier dev",
                assertThrows(InputException.class,
                        () -> BuildRecorder.arguments(releaseWithoutIsolation, "release", "b", "/o")).getMessage());
        assertEquals("outputs: name at least one output, e.g. outputs: 'dist/*.tar.gz'", assertThrows(InputException.class,
                () -> BuildRecorder.arguments(new HermeticBuildStep("make", " , "), "dev", "b", "/o")).getMessage());
        assertThrows(InputException.class,
                () -> BuildRecorder.arguments(new HermeticBuildStep("make", "/etc/passwd"), "dev", "b", "/o"));
    }

    @Test
    void engineRefusalsBecomeOneLineAborts() throws Exception {
        AbortException e = assertThrows(AbortException.class, () -> OneLine.run(() -> {
            throw new VerificationException(List.of(
                    dev.hermeticbuild.verify.VerificationFailure.of(dev.hermeticbuild.verify.VerificationFailure.Code.SUBJECT_MISMATCH, "subject digest mismatch"),
                    dev.hermeticbuild.verify.VerificationFailure.of(dev.hermeticbuild.verify.VerificationFailure.Code.SIGNATURE_INVALID, "signature invalid")));
        }));
        assertEquals("verification failed: subject digest mismatch; signature invalid", e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertEquals("x", OneLine.run(() -> "x"));
    }

    @Test
    void aNameFromTheBuildCannotPutABidiControlIntoTheStepLog() {
        AbortException e = assertThrows(AbortException.class, () -> OneLine.run(() -> {
            throw new InputException("output dist/\u202erav.exe\u001b[2K is not a regular file");
        }));
        assertEquals("output dist/\\u202erav.exe\\x1b[2K is not a regular file", e.getMessage());
    }

    @Test
    void symbolsAreTheFunctionNames() {
        for (StepDescriptor d : List.of(new HermeticBuildStep.DescriptorImpl(), new SignArtifactStep.DescriptorImpl(),
                new AttestStep.DescriptorImpl(), new VerifyArtifactStep.DescriptorImpl(), new RebuildCheckStep.DescriptorImpl())) {
            assertEquals(d.getFunctionName(), d.getClass().getAnnotation(Symbol.class).value()[0]);
            assertEquals(1, d.getDisplayName().lines().count());
        }
        assertEquals(List.of("hermeticBuild", "signArtifact", "attest", "verifyArtifact"),
                List.of(new HermeticBuildStep.DescriptorImpl().getFunctionName(),
                        new SignArtifactStep.DescriptorImpl().getFunctionName(),
                        new AttestStep.DescriptorImpl().getFunctionName(),
                        new VerifyArtifactStep.DescriptorImpl().getFunctionName()));
    }

    @Test
    void optionalParametersAreSetters() {
        VerifyArtifactStep v = new VerifyArtifactStep("dist/app.tar.gz");
        v.setCredentialsId("release-public-key");
        v.setRequireHermetic(true);
        assertEquals("release-public-key", v.getCredentialsId());
        assertEquals(true, v.isRequireHermetic());
        assertEquals(null, new SignArtifactStep("dist/*").getCredentialsId());
    }
}
