package dev.hermeticbuild.jenkins;

import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** The Provenance tab, the build page's summary box, api/json and the job's Hermetic builds page, rendered. */
public class ProvenancePageTest {

    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Test
    public void rendersARecordedProvenance() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "app");
        p.setDefinition(new CpsFlowDefinition("echo 'no steps'", true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        try (InputStream in = getClass().getResourceAsStream("hello-release.provenance.json")) {
            Files.createDirectories(RunFiles.dir(b).toPath());
            Files.write(RunFiles.dir(b).toPath().resolve("provenance.json"), in.readAllBytes());
        }
        RunFiles.action(b).addProvenance("provenance.json", null);
        b.save();

        JenkinsRule.WebClient wc = r.createWebClient();
        HtmlPage tab = wc.getPage(b, "provenance/");
        String text = tab.asNormalizedText();
        assertTrue(text, text.contains("5123b679aa1fc82a63328b4f7761b14d85f668d595e5331c3ed53d45e3658dd4"));
        assertTrue(text, text.contains("git+https://git.example.com/hello.git"));
        assertTrue(text, text.contains("bubblewrap"));
        assertTrue(wc.getPage(b).asNormalizedText().contains("hermetic"));
        String json = wc.goTo(b.getUrl() + "provenance/api/json?depth=2", "application/json").getWebResponse().getContentAsString();
        assertTrue(json, json.contains("\"hermetic\":true"));
        String file = wc.goTo(b.getUrl() + "provenance/file?name=provenance.json", "application/json").getWebResponse()
                .getContentAsString();
        assertTrue(file.contains("https://slsa.dev/provenance/v1"));
        wc.assertFails(b.getUrl() + "provenance/file?name=../build.xml", 404);
        assertTrue(wc.getPage(p, "hermetic-builds/").asNormalizedText().contains("#1"));
    }
}
