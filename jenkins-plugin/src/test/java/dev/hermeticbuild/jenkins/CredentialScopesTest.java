package dev.hermeticbuild.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import dev.hermeticbuild.sign.KeyAlgorithm;
import dev.hermeticbuild.sign.KeyGen;
import dev.hermeticbuild.sign.PemKeys;
import hudson.model.Result;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * A signing key need not be GLOBAL (readable by every Jenkinsfile): a SYSTEM-scoped one works as
 * the configured default, a Jenkinsfile naming it is refused with the scopes searched, and the
 * credential dropdowns list nothing for a non-administrator.
 */
public class CredentialScopesTest {

    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Before
    public void systemScopedKeyAndTwoUsers() throws Exception {
        String pem = PemKeys.privatePem(KeyGen.generate(KeyAlgorithm.ECDSA_P256).getPrivate(), Optional.empty());
        SystemCredentialsProvider.getInstance().getCredentials().add(new FileCredentialsImpl(CredentialsScope.SYSTEM,
                "controller-signing-key", "controller only", "key.pem", SecretBytes.fromBytes(pem.getBytes(StandardCharsets.UTF_8))));
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("dev"));
    }

    @Test
    public void aSystemScopedDefaultKeySignsAndAJenkinsfileCannotNameIt() throws Exception {
        HermeticGlobalConfiguration.get().setDefaultSigningCredentialsId("controller-signing-key");
        WorkflowJob signs = r.createProject(WorkflowJob.class, "signs");
        signs.setDefinition(new CpsFlowDefinition("node {\n  writeFile file: 'a.txt', text: 'a'\n"
                + "  signArtifact artifacts: 'a.txt'\n}", true));
        r.buildAndAssertSuccess(signs);

        WorkflowJob names = r.createProject(WorkflowJob.class, "names");
        names.setDefinition(new CpsFlowDefinition("node {\n  writeFile file: 'a.txt', text: 'a'\n"
                + "  signArtifact artifacts: 'a.txt', credentialsId: 'controller-signing-key'\n}", true));
        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, names);
        r.assertLogContains("credential controller-signing-key not found as a file or secret text credential"
                + " (searched " + ControllerCredentials.JOB_SCOPES, refused);
    }

    @Test
    public void theDropdownsListCredentialsToAdministratorsOnly() {
        HermeticGlobalConfiguration c = HermeticGlobalConfiguration.get();
        try (ACLContext ignored = ACL.as2(User.getById("dev", true).impersonate2())) {
            assertEquals(0, c.doFillDefaultSigningCredentialsIdItems().size());
            assertEquals(0, c.doFillStoreCredentialsIdItems().size());
        }
        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            assertTrue(c.doFillDefaultSigningCredentialsIdItems().stream().anyMatch(o -> o.value.equals("controller-signing-key")));
        }
    }
}
