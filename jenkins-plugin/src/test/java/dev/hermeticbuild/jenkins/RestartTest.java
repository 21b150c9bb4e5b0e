package dev.hermeticbuild.jenkins;

import static org.junit.Assume.assumeTrue;

import hudson.model.Result;
import java.io.File;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsSessionRule;

/** A controller restart in the middle of a hermeticBuild ends the build with the step's own message. */
public class RestartTest {

    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    @Test
    public void aRestartEndsARunningHermeticBuildSayingWhatWasLost() throws Throwable {
        boolean sandbox = new File("/usr/bin/bwrap").exists() || new File("/usr/bin/unshare").exists();
        if (!sandbox && "true".equalsIgnoreCase(String.valueOf(System.getenv("CI")).strip())) {
            throw new AssertionError("the sandbox needs bubblewrap or util-linux unshare (CI=true: a missing tool fails the test)");
        }
        assumeTrue("the sandbox needs bubblewrap or util-linux unshare", sandbox);
        sessions.then(r -> {
            WorkflowJob p = r.createProject(WorkflowJob.class, "long");
            p.setDefinition(new CpsFlowDefinition("node {\n" + HermeticPipelineTest.CHECKOUT
                    + "  hermeticBuild command: \"sh -c 'echo building-now; sleep 60'\", outputs: 'dist/*', tier: 'dev'\n"
                    + "}", true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("building-now", b);
        });
        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("long", WorkflowJob.class).getBuildByNumber(1);
            r.waitForCompletion(b);
            r.assertBuildStatus(Result.FAILURE, b);
            r.assertLogContains("hermeticBuild was running when the Jenkins controller restarted, and it cannot be resumed", b);
            r.assertLogNotContains("\tat ", b);
        });
    }
}
