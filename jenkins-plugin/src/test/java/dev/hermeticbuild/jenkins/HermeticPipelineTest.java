package dev.hermeticbuild.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import dev.hermeticbuild.sign.KeyAlgorithm;
import dev.hermeticbuild.sign.KeyGen;
import dev.hermeticbuild.sign.PemKeys;
import hudson.model.Result;
import hudson.util.Secret;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Optional;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** The Jenkinsfile of the issue, on a real local agent: all four steps, then the misuse cases. */
public class HermeticPipelineTest {

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private KeyPair key;

    @Before
    public void credentialsAndAgent() throws Exception {
        boolean sandbox = new File("/usr/bin/bwrap").exists() || new File("/usr/bin/unshare").exists();
        String why = "the sandbox needs bubblewrap or util-linux unshare with user namespaces";
        // JUnit 4 here: the same rule as core's testing.Tools, a missing tool fails under CI=true.
        if (!sandbox && "true".equalsIgnoreCase(String.valueOf(System.getenv("CI")).strip())) {
            throw new AssertionError(why + " (CI=true: a missing tool fails the test)");
        }
        assumeTrue(why, sandbox);
        key = KeyGen.generate(KeyAlgorithm.ECDSA_P256);
        var store = SystemCredentialsProvider.getInstance().getCredentials();
        store.add(new FileCredentialsImpl(CredentialsScope.GLOBAL, "release-signing-key", "signing key", "key.pem",
                SecretBytes.fromBytes(PemKeys.privatePem(key.getPrivate(), Optional.empty()).getBytes(StandardCharsets.UTF_8))));
        store.add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "release-public-key", "public key",
                Secret.fromString(PemKeys.publicPem(key.getPublic()))));
        r.createSlave("hermetic", null);
    }

    /** A clean git work tree with a Makefile that writes dist/app.tar.gz, as checkout scm would leave it. */
    static final String CHECKOUT = """
            sh '''
              git init -q . && git config user.email ci@example.com && git config user.name ci
              git remote add origin https://git.example.com/app.git
              printf 'dist/app.tar.gz:\\n\\tmkdir -p dist && tar --mtime=@0 -czf dist/app.tar.gz Makefile\\n' > Makefile
              printf 'dist/\\n' > .gitignore
              git add -A && git commit -qm init
            '''
            """;

    @Test
    public void theIssuesJenkinsfileRunsAndRecordsEverything() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "app");
        p.setDefinition(new CpsFlowDefinition("node('hermetic') {\n" + CHECKOUT
                + "  def build = hermeticBuild command: 'make dist/app.tar.gz', outputs: 'dist/*.tar.gz', tier: 'release'\n"
                + "  echo \"hermetic=${build.hermetic} sha=${build.outputs[0].sha256}\"\n"
                + "  signArtifact artifacts: 'dist/*.tar.gz', credentialsId: 'release-signing-key'\n"
                + "  attest artifacts: 'dist/*.tar.gz', credentialsId: 'release-signing-key'\n"
                + "  def v = verifyArtifact artifact: 'dist/app.tar.gz', credentialsId: 'release-public-key', requireHermetic: true\n"
                + "  echo \"verified by ${v.keyId}\"\n"
                + "  archiveArtifacts 'dist/*'\n"
                + "}", true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("hermetic=true", b);
        r.assertLogContains("verified by ", b);
        ProvenanceAction a = b.getAction(ProvenanceAction.class);
        assertNotNull(a);
        assertEquals(2, a.getProvenance().size()); // the runner's statement and the controller's attestation
        assertEquals(2, a.getSignatures().size());
        assertTrue(a.getStatus().hermetic());
        assertEquals("verified", a.getStatus().verification());
        assertNotNull(b.getArtifacts().stream().filter(f -> f.getFileName().equals("app.tar.gz.provenance.sigstore.json"))
                .findFirst().orElse(null));
    }

    @Test
    public void anImageIsBuiltSignedAttestedAndVerifiedByItsManifestDigest() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "image");
        p.setDefinition(new CpsFlowDefinition("node('hermetic') {\n" + CHECKOUT
                + "  def build = hermeticBuild command: 'make dist/app.tar.gz', outputs: 'dist/*.tar.gz', tier: 'release',\n"
                + "      imageBase: 'scratch', imageLayers: 'dist/app.tar.gz:/srv/app.tar.gz', imageName: 'dist/image'\n"
                + "  echo \"image=${build.image.layout} ${build.image.digest}\"\n"
                + "  def s = signArtifact artifacts: 'dist/image', credentialsId: 'release-signing-key'\n"
                + "  attest artifacts: 'dist/*.tar.gz, dist/image', credentialsId: 'release-signing-key'\n"
                + "  def v = verifyArtifact artifact: 'dist/image', credentialsId: 'release-public-key', requireHermetic: true\n"
                + "  echo \"signed=sha256:${s[0].sha256} verified=sha256:${v.sha256}\"\n"
                + "}", true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("image=dist/image sha256:", b);
        String log = JenkinsRule.getLog(b);
        String digest = log.substring(log.indexOf("image=dist/image ") + 17).lines().findFirst().orElseThrow().strip();
        r.assertLogContains("signed=" + digest + " verified=" + digest, b);
        assertTrue(b.getAction(ProvenanceAction.class).getStatus().hermetic());
    }

    @Test
    public void misuseFailsWithOneLineReasons() throws Exception {
        assertOneLine("signArtifact artifacts: 'nothing/*', credentialsId: 'release-signing-key'",
                "no file in the workspace matches 'nothing/*'");
        assertOneLine("writeFile file: 'a.txt', text: 'a'\n  signArtifact artifacts: 'a.txt', credentialsId: 'nope'",
                "credential nope not found as a file or secret text credential (searched the credentials this job may use");
        assertOneLine("writeFile file: 'a.txt', text: 'a'\n  signArtifact artifacts: 'a.txt', credentialsId: 'release-public-key'",
                "credential release-public-key holds a public key, not a private key");
        assertOneLine("hermeticBuild command: 'true', outputs: 'a', tier: 'release', sandbox: 'none'",
                "tier release needs isolation: sandbox 'none' is only allowed with tier dev");
    }

    private void assertOneLine(String steps, String reason) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition("node('hermetic') {\n  " + steps + "\n}", true));
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains(reason, b);
        r.assertLogNotContains("\tat ", b);
    }
}
