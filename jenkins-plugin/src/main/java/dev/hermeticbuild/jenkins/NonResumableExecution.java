package dev.hermeticbuild.jenkins;

import hudson.AbortException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * The execution of every step of ours: it runs once, in a controller thread, and a controller
 * restart ends it with a message that says what happened to the build on the agent and how to
 * retry, rather than resuming a build whose outputs nobody watched.
 */
abstract class NonResumableExecution<T> extends SynchronousNonBlockingStepExecution<T> {
    private static final long serialVersionUID = 1L;

    private final String functionName;

    NonResumableExecution(String functionName, StepContext context) {
        super(context);
        this.functionName = functionName;
    }

    @Override
    public void onResume() {
        getContext().onFailure(new AbortException(restartMessage(functionName)));
    }

    /** What a step that was running when the controller restarted fails with. */
    static String restartMessage(String functionName) {
        return functionName + " was running when the Jenkins controller restarted, and it cannot be resumed: the hermetic"
                + " command it started on the agent is not reattached, so nothing that command did after the restart is"
                + " recorded, signed or trusted. Run the build again (Scripted: wrap the node block in"
                + " retry(conditions: [nonresumable()], count: 2) { ... }; Declarative: the agent's retries option).";
    }
}
