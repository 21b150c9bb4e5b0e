package dev.hermeticbuild.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.Test;

/**
 * A controller restart ends each of our steps with a message that says what happened, as
 * {@link NonResumableExecution} words it. The StepContext here is a test double: the Jenkins
 * runtime that would call {@code onResume} does not run in this module (the JenkinsRule test
 * {@code RestartTest} in jenkins-plugin restarts a real controller).
 */
class RestartTest {

    private static final StepContext CONTEXT = new StepContext() {
        @Override
        public <T> T get(Class<T> key) {
            return null;
        }

        @Override
        public void onSuccess(Object result) {
        }

        @Override
        public void onFailure(Throwable t) {
        }
    };

    @Test
    void everyStepRunsInAnExecutionThatRefusesToResume() throws Exception {
        List<Step> steps = List.of(new HermeticBuildStep("make", "a"), new SignArtifactStep("a"), new AttestStep("a"),
                new VerifyArtifactStep("a"), new RebuildCheckStep("make", "a"));
        for (Step step : steps) {
            assertInstanceOf(NonResumableExecution.class, step.start(CONTEXT), step.getClass().getSimpleName());
        }
        var onResume = NonResumableExecution.class.getDeclaredMethod("onResume");
        assertTrue(Modifier.isPublic(onResume.getModifiers()) && !Modifier.isFinal(onResume.getModifiers()));
    }

    @Test
    void theRestartMessageSaysWhatWasLostAndHowToRetry() {
        assertEquals("hermeticBuild was running when the Jenkins controller restarted, and it cannot be resumed: the hermetic"
                + " command it started on the agent is not reattached, so nothing that command did after the restart is"
                + " recorded, signed or trusted. Run the build again (Scripted: wrap the node block in"
                + " retry(conditions: [nonresumable()], count: 2) { ... }; Declarative: the agent's retries option).",
                NonResumableExecution.restartMessage("hermeticBuild"));
    }
}
